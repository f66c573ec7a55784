// A shell-command view good enough for linting: commands split on && || ; | & newlines and $( ),
// words unquoted, every word mapped back to offsets in the file. `sh -c "..."` scripts are split too.

import { pushAll } from '../../text';

export interface Word {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}
export interface Command {
  words: Word[];
  /** The operator that ends this command ('|' means its output feeds the next command). */
  sep: string;
  /** The command whose output is piped into this one. */
  pipedFrom?: Command;
  /** Inside `<( ... )` process substitution. */
  procSubst?: boolean;
}

/** Text with a map from each character to its offset in the file. */
export interface Mapped {
  text: string;
  offsets: number[];
}

export function mapped(text: string, base: number): Mapped {
  const offsets = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = base + i;
  return { text, offsets };
}

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

const OPS = ['&&', '||', ';;', '|&', '$(', '<(', '>(', '|', ';', '&', '(', ')', '`', '\n'];

/** Splits mapped shell text into commands. */
export function parseShell(m: Mapped, depth = 0): Command[] {
  const cmds: Command[] = [];
  const t = m.text;
  let words: Word[] = [];
  let cur: Word | null = null;
  const procStack: boolean[] = [];
  let inProc = false;
  const endWord = () => {
    if (cur) {
      words.push(cur);
      cur = null;
    }
  };
  const endCmd = (sep: string) => {
    endWord();
    if (words.length) {
      cmds.push({ words, sep, procSubst: inProc || undefined });
    } else if (cmds.length && sep !== '\n') cmds[cmds.length - 1].sep = cmds[cmds.length - 1].sep || sep;
    words = [];
  };
  let i = 0;
  while (i < t.length) {
    const c = t[i];
    if (!cur && c === '#') {
      while (i < t.length && t[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    const op = OPS.find((o) => t.startsWith(o, i));
    if (op && !(op === '(' && cur)) {
      if (op === '$(' || op === '<(' || op === '>(' || op === '(') {
        endCmd('');
        procStack.push(inProc);
        inProc = op === '<(';
        i += op.length;
        continue;
      }
      if (op === ')') {
        endCmd('');
        inProc = procStack.pop() ?? false;
        i++;
        continue;
      }
      if (op === '`') {
        endCmd('');
        i++;
        continue;
      }
      endCmd(op);
      i += op.length;
      continue;
    }
    if (!cur) cur = { text: '', start: m.offsets[i], end: m.offsets[i], quoted: false };
    if (c === "'") {
      const j = t.indexOf("'", i + 1);
      const e = j < 0 ? t.length : j;
      cur.text += t.slice(i + 1, e);
      cur.quoted = true;
      i = e + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < t.length && t[j] !== '"') {
        if (t[j] === '\\') j++;
        cur.text += t[j] ?? '';
        j++;
      }
      cur.quoted = true;
      i = j + 1;
    } else if (c === '\\') {
      cur.text += t[i + 1] ?? '';
      i += 2;
    } else {
      cur.text += c;
      i++;
    }
    cur.end = m.offsets[Math.min(i, t.length)];
  }
  endCmd('');
  // fix pipedFrom links: a command follows a '|' command
  for (let k = 1; k < cmds.length; k++)
    if (cmds[k - 1].sep === '|' || cmds[k - 1].sep === '|&') cmds[k].pipedFrom = cmds[k - 1];
  // sh -c "script": split the script too
  if (depth < 3) {
    const extra: Command[] = [];
    for (const cmd of cmds) {
      const w = cmd.words;
      const shellAt = w.findIndex((x, idx) => idx <= 2 && /^(\/(usr\/)?bin\/)?(ba|z|da|k|a)?sh$/.test(x.text));
      if (shellAt < 0) continue;
      const dashC = w.findIndex((x, idx) => idx > shellAt && /^-[a-z]+$/.test(x.text) && x.text.includes('c'));
      const script = dashC >= 0 ? w[dashC + 1] : undefined;
      if (!script) continue;
      pushAll(extra, parseShell(innerMapped(m, script), depth + 1));
    }
    pushAll(cmds, extra);
  }
  return cmds;
}

/** The text of a quoted word with approximate offsets (inside the quotes). */
function innerMapped(m: Mapped, w: Word): Mapped {
  const startIdx = firstIndexOf(m.offsets, w.start);
  const offsets: number[] = [];
  for (let i = 0; i <= w.text.length; i++) {
    const idx = startIdx >= 0 ? startIdx + (w.quoted ? 1 : 0) + i : -1;
    offsets.push(idx >= 0 && idx < m.offsets.length ? m.offsets[idx] : w.start);
  }
  return { text: w.text, offsets };
}

/** The first index of `value` in ascending `sorted`, or -1 (a binary search: scripts can hold many `sh -c`). */
function firstIndexOf(sorted: readonly number[], value: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === value ? lo : -1;
}

/** The program name of a command, skipping env assignments and wrappers such as `sudo`, `env`, `exec`, `time`. */
export function program(cmd: Command, skipSudo = true): { word: Word; index: number } | undefined {
  for (let i = 0; i < cmd.words.length; i++) {
    const w = cmd.words[i].text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) continue;
    if (['env', 'exec', 'time', 'nohup', 'command', 'builtin'].includes(w) || (skipSudo && w === 'sudo')) {
      if (w === 'sudo') {
        while (cmd.words[i + 1]?.text.startsWith('-')) {
          i++;
          if (/^-[ugCDh]$/.test(cmd.words[i].text)) i++;
        }
      }
      continue;
    }
    return { word: cmd.words[i], index: i };
  }
  return undefined;
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
