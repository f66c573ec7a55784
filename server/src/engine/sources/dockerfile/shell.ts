// The Dockerfile side of shell commands: RUN's line continuations (the Dockerfile's escape character) removed
// before the text is split as a shell splits it (model/shell/parse.ts).
export { mapped } from '../../model/shell/parse';
export { shellCommands as parseShell, program, baseName } from '../../model/shell/commands';
export type { Command, Mapped, Word } from '../../model/shell/parse';
import type { Mapped } from '../../model/shell/parse';

/** Removes Dockerfile line continuations (escape char + optional spaces + newline) and comment lines inside them. */
export function joinContinuations(text: string, base: number, escape: string): Mapped {
  let out = '';
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === escape) {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r' || text[j] === '\n') {
        j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
        // comment lines and blank lines inside a continuation are dropped, as Docker does
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
        i = j;
        continue;
      }
    }
    out += c;
    offsets.push(base + i);
    i++;
  }
  offsets.push(base + i);
  return { text: out, offsets };
}
