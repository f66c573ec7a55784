// Compose interpolation (`${VAR}`, `${VAR:-default}`, `$VAR`, `$$`), with the values a project's `.env` sets and
// nothing from the process environment; bounded in depth and in the length of what it makes.

/** Variables for interpolation: set (with a value, or unknown when undefined). Absent: unset. */
export type Vars = ReadonlyMap<string, { value: string | undefined }>;

/** What an unknown variable becomes when a value is read loosely (`interpolate(s, 0, UNKNOWN)`). */
export const UNKNOWN = '${?}';

/**
 * Defaults nested deeper than this (`${A:-${B:-...}}`) are unknown: the recursion must not depend on input.
 * `unknown`: when given, a variable without a value (and a nest too deep) becomes this text instead of making
 * the whole value unknown, for rules that can judge the rest (`${XDG_RUNTIME_DIR}/docker.sock`).
 */
const MAX_INTERPOLATION_DEPTH = 16;
/** The longest text an interpolation may make (a `.env` whose values double line after line): longer is unknown. */
export const MAX_INTERPOLATED = 65_536;

export function interpolate(s: string, depth = 0, unknown?: string, vars?: Vars): string | undefined {
  if (!s.includes('$')) return s;
  if (depth > MAX_INTERPOLATION_DEPTH) return unknown;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '{') {
      // find the matching brace, allowing nested ${...} in defaults
      let braces = 1,
        j = i + 2;
      for (; j < s.length && braces; j++) {
        if (s[j] === '{') braces++;
        else if (s[j] === '}') braces--;
      }
      if (braces) return undefined; // unterminated
      const body = s.slice(i + 2, j - 1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([\s\S]*))?$/.exec(body);
      if (!m) return undefined;
      const [, name, colon, op, rest] = m;
      const set = vars?.get(name);
      // `:-` `:?` `:+` treat an empty value as unset; `-` `?` `+` only an unset one
      const present = set !== undefined && (colon !== ':' || set.value !== '');
      let v: string | undefined;
      if (set !== undefined && set.value === undefined && op !== '+')
        v = undefined; // set to what we cannot know
      else if (op === '-') v = present ? set.value : interpolate(rest ?? '', depth + 1, unknown, vars);
      else if (op === '+') v = present ? interpolate(rest ?? '', depth + 1, unknown, vars) : set ? '' : undefined;
      else v = present ? set.value : undefined; // `${V}`, `${V?err}`: the value when the .env sets it
      if (v === undefined) {
        if (unknown === undefined) return undefined;
        v = unknown;
      }
      if (out.length + v.length > MAX_INTERPOLATED) return unknown;
      out += v;
      i = j - 1;
      continue;
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      let j = i + 1;
      while (j + 1 < s.length && /[A-Za-z0-9_]/.test(s[j + 1])) j++;
      const v = vars?.get(s.slice(i + 1, j + 1))?.value ?? unknown;
      if (v === undefined) return undefined; // $VAR: unknown
      if (out.length + v.length > MAX_INTERPOLATED) return unknown;
      out += v;
      i = j;
      continue;
    }
    out += c;
  }
  return out;
}

/** The variables a scalar refers to (`$V`, `${V...}`, outermost only), for related information. */
export function referencedVars(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (s[(m.index ?? 0) - 1] !== '$') out.push(m[1]);
  return out;
}
