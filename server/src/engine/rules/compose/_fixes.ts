// What several Compose rules do the same way: a limit of 0 (no limit). Views of the services they read are in _views.ts; missing hardening in _advice.ts.
import { text, type Val } from '../../model/compose/effective';
import type { Service } from '../../model/compose/project';
import { replaceScalarEdits, type ComposeContext } from '../composeContext';

/**
 * A limit set to a value that is no limit (`0`, `"0"`, `0m`, `-1`, or an interpolation whose default is one of
 * those): reported at the value, with a fix that sets `bound` instead.
 */
export function reportUnlimited(
  ctx: ComposeContext,
  s: Service,
  values: Val[],
  what: string,
  harm: string,
  bound: string,
): void {
  for (const v of values) {
    const t = text(v)?.trim();
    if (t === undefined || !NO_LIMIT.test(t)) continue;
    ctx.report({
      at: v,
      message: `Service '${s.name}' sets its ${what} limit to ${t}, which is no limit: ${harm} Use a positive bound.`,
      fixes: () => [
        {
          title: `Set the ${what} limit to ${bound}`,
          applicability: 'unsafe',
          edits: replaceScalarEdits(ctx, v, bound),
        },
      ],
    });
  }
}
/** Zero in any unit, or -1. */
const NO_LIMIT = /^(-1|[+]?0*(\.0*)?\s*[bkmgBKMG]?[bB]?)$/;
