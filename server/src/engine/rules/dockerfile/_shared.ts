// Helpers shared by Dockerfile rules.
import type { DockerfileModel, Inst } from '../../sources/dockerfile/model';
import type { DockerfileContext } from '../dockerfileContext';
import type { TextEdit } from '../../types';

/** Removes a flag and the whitespace after it (`RUN --network=host cmd` -> `RUN cmd`). */
export function removeFlagEdit(m: DockerfileModel, f: { start: number; end: number }): TextEdit {
  let end = f.end;
  while (end < m.text.length && (m.text[end] === ' ' || m.text[end] === '\t')) end++;
  return { start: f.start, end, newText: '' };
}

/** Removes whole lines of an instruction (with its continuation lines). */
export function removeInstructionEdit(m: DockerfileModel, inst: Inst): TextEdit {
  const start = m.index.starts[inst.firstLine];
  const end = inst.lastLine + 1 < m.index.lineCount ? m.index.starts[inst.lastLine + 1] : m.text.length;
  return { start, end, newText: '' };
}

/** Removes a word and one adjacent space. */
export function removeWordEdit(m: DockerfileModel, w: { start: number; end: number }): TextEdit {
  let end = w.end;
  if (m.text[end] === ' ' || m.text[end] === '\t') end++;
  else {
    let start = w.start;
    if (m.text[start - 1] === ' ') start--;
    return { start, end, newText: '' };
  }
  return { start: w.start, end, newText: '' };
}

/** Flags `RUN --<flag>=<value>` and offers to remove the flag (unsafe: the step may rely on it). */
export function checkRunFlag(ctx: DockerfileContext, flag: string, value: string, message: string): void {
  for (const i of ctx.model.instructions) {
    if (i.keyword !== 'RUN') continue;
    for (const f of i.flags) {
      if (f.name !== flag || f.value?.toLowerCase() !== value) continue;
      ctx.report({
        start: f.start,
        end: f.end,
        message,
        fixes: () => [
          { title: `Remove --${flag}=${value}`, applicability: 'unsafe', edits: [removeFlagEdit(ctx.model, f)] },
        ],
      });
    }
  }
}
