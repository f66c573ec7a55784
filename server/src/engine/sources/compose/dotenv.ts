// The `.env` file beside a Compose project, read as Compose reads it for interpolation
// (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax):
// `KEY=value`, an optional `export`, `#` comments (inline ones after a space for unquoted values), single quotes
// literal, double quotes with escapes, interpolation of earlier keys in unquoted and double-quoted values.
// Nothing is executed and no variable comes from the process environment: a value that needs one is unknown.
import { LineIndex } from '../../text';
import { interpolate, MAX_INTERPOLATED, referencedVars, type Vars } from './interpolate';

export type { Vars };

export interface EnvVar {
  /** undefined: set, but to something we cannot know (it refers to a variable from outside the file). */
  value: string | undefined;
  /** The `KEY=value` span in the file. */
  start: number;
  end: number;
}

export interface DotEnv {
  file: string;
  vars: ReadonlyMap<string, EnvVar>;
  index: LineIndex;
  /** Keys whose value expands beyond MAX_INTERPOLATED characters (unknown, and a problem on the linted file). */
  tooLong: string[];
}

const KEY = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$' };

export function parseDotEnv(file: string, text: string): DotEnv {
  const vars = new Map<string, EnvVar>();
  const tooLong: string[] = [];
  let i = 0;
  while (i < text.length) {
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = text.length;
    const line = text.slice(i, eol);
    const m = KEY.exec(line);
    if (!m || /^[ \t]*#/.test(line)) {
      i = eol + 1;
      continue;
    }
    const key = m[1];
    const vStart = i + m[0].length;
    const q = text[vStart];
    let value: string | undefined;
    let end: number;
    if (q === "'" || q === '"') {
      // a quoted value may span lines; `\` escapes the quote
      let j = vStart + 1;
      let raw = '';
      for (; j < text.length && text[j] !== q; j++) {
        if (text[j] === '\\' && j + 1 < text.length) {
          const n = text[j + 1];
          if (q === "'") raw += n === "'" ? "'" : '\\' + n;
          else raw += ESCAPES[n] ?? '\\' + n;
          j++;
        } else raw += text[j];
      }
      if (j >= text.length) {
        // unterminated: Compose rejects the file; what follows is not read
        vars.set(key, { value: undefined, start: i + line.search(/\S/), end: text.length });
        break;
      }
      end = j + 1;
      value = q === "'" ? raw : interpolate(raw, 0, undefined, vars);
      const next = text.indexOf('\n', end);
      eol = next < 0 ? text.length : next;
    } else {
      let v = text.slice(vStart, eol).replace(/\r$/, '');
      const hash = /[ \t]#/.exec(v);
      if (hash) v = v.slice(0, hash.index);
      v = v.trim();
      end = vStart + v.length;
      value = interpolate(v, 0, undefined, vars);
    }
    // interpolation gives up (unknown) past its bound: a value of earlier values cannot double without end
    if (value === undefined && tooLong.length < 20 && expands(text.slice(vStart, end))) tooLong.push(key);
    vars.set(key, { value, start: i + line.search(/\S/), end });
    i = eol + 1;
  }
  return { file, vars, index: new LineIndex(text), tooLong };

  /** Do the known values the text refers to add up past the bound (rather than one being from outside)? */
  function expands(raw: string): boolean {
    let n = raw.length;
    for (const name of referencedVars(raw)) n += vars.get(name)?.value?.length ?? 0;
    return n > MAX_INTERPOLATED;
  }
}
