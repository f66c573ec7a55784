// The Dockerfile side of shell commands: RUN's line continuations (the Dockerfile's escape character) removed
// before the text is split as a shell splits it (model/shell/parse.ts).
export { mapped } from '../../model/shell/parse';
export { shellCommands as parseShell, program, baseName } from '../../model/shell/commands';
export type { Command, Mapped, Word } from '../../model/shell/parse';
import type { Mapped } from '../../model/shell/parse';

/**
 * Removes Dockerfile line continuations (escape char + optional spaces + newline) and comment lines inside them.
 * The text between continuations is copied a run at a time (a character at a time made most of a RUN's garbage).
 */
export function joinContinuations(text: string, base: number, escape: string): Mapped {
  let out = '';
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    const at = escape.length === 1 ? text.indexOf(escape, i) : -1;
    const runEnd = at < 0 ? text.length : at;
    // the run before the next escape character (the character itself is kept unless it starts a continuation)
    const next = runEnd < text.length ? continuationEnd(text, runEnd) : -1;
    const copyEnd = next < 0 && runEnd < text.length ? runEnd + 1 : runEnd;
    if (copyEnd > i) {
      out += text.slice(i, copyEnd);
      for (let k = i; k < copyEnd; k++) offsets.push(base + k);
    }
    i = next < 0 ? copyEnd : next;
  }
  offsets.push(base + i);
  return { text: out, offsets };
}

/**
 * Where the text goes on after a line continuation that starts at `i` (an escape character, optional spaces, a line
 * break, then any comment or blank lines, which Docker drops), or -1 when the escape character there starts none.
 */
function continuationEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] !== '\r' && text[j] !== '\n') return -1;
  j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
  for (;;) {
    let k = j;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k < text.length && (text[k] === '#' || text[k] === '\n' || text[k] === '\r')) {
      while (k < text.length && text[k] !== '\n') k++;
      j = Math.min(k + 1, text.length);
      if (k >= text.length) break;
      continue;
    }
    break;
  }
  return j;
}
