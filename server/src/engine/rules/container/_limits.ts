// A limit set to a value that is no limit (`0`, `"0"`, `0m`, `-1`, or an interpolation whose default is one of
// those), which the limit rules report at the value with a fix that sets a bound instead.
import type { Container, Setting } from '../../model/container';
import type { ContainerContext } from '../containerContext';

/** Zero in any unit, or -1. */
const NO_LIMIT = /^(-1|[+]?0*(\.0*)?\s*[bkmgBKMG]?[bB]?)$/;

export function reportUnlimited(
  ctx: ContainerContext,
  c: Container,
  values: readonly Setting<string>[],
  what: string,
  harm: string,
  bound: string,
): void {
  for (const v of values) {
    const t = v.value;
    if (!NO_LIMIT.test(t)) continue;
    ctx.report({
      at: v,
      message: `${c.subject} sets its ${what} limit to ${t}, which is no limit: ${harm} Use a positive bound.`,
      fixes: () => [
        { title: `Set the ${what} limit to ${bound}`, applicability: 'unsafe', edits: v.replace?.(bound) ?? [] },
      ],
    });
  }
}
