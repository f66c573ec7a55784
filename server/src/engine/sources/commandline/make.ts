// A Makefile as command lines: its recipes (make's prefixes removed) and the values of its variables.
import { MAKE_WORKING_FOLDER, type Mapped, type Span } from '../../model/shell/parse';
import { UNKNOWN } from '../compose/interpolate';
import type { LineIndex } from '../../text';
import { Builder, lines } from './text';

/** The recipe lines of a Makefile (a tab-indented line after a rule, its continuation lines, `target: ; cmd`). */
export function makeRecipes(index: LineIndex): Mapped {
  const { text } = index;
  const b = new Builder(text);
  let inRule = false;
  let continued = false;
  for (const [s, e] of lines(index)) {
    const line = text.slice(s, e);
    if (continued) {
      b.line(s, e);
      continued = line.endsWith('\\');
      continue;
    }
    if (line.startsWith('\t')) {
      if (!inRule) continue;
      // the recipe prefixes @ (silent), - (ignore errors), + (always run) are make's, not the shell's
      let k = s + 1;
      while (k < e && (text[k] === '@' || text[k] === '-' || text[k] === '+' || text[k] === ' ' || text[k] === '\t'))
        k++;
      b.line(k, e);
      continued = line.endsWith('\\');
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const colon = ruleColon(line);
    inRule = colon >= 0;
    const semi = colon >= 0 ? line.indexOf(';', colon) : -1;
    if (semi >= 0) {
      b.line(s + semi + 1, e);
      continued = line.endsWith('\\');
    }
  }
  return b.done(text.length);
}

/**
 * The variables a Makefile assigns exactly one value (`NAME = value`, `:=`, `::=`, `?=`, with `export` or
 * `override`), references to the others expanded (see expandMake); one appended to (`+=`), assigned twice or
 * continued on the next line is unknown.
 */
export function makeAssignments(index: LineIndex): { vars: Map<string, string>; origins: Map<string, Span> } {
  const { text } = index;
  const seen = new Map<string, string | undefined>();
  const origins = new Map<string, Span>();
  for (const [s, e] of lines(index)) {
    if (text[s] === '\t') continue;
    const line = text.slice(s, e);
    const words = line.trimStart().split(/[ \t]+/);
    let k = 0;
    while (words[k] === 'export' || words[k] === 'override') k++;
    const name = words[k];
    if (!name || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) continue;
    const at = line.indexOf(name) + name.length;
    const rest = line.slice(at).trimStart();
    const op = ['::=', ':=', '?=', '+=', '!=', '='].find((o) => rest.startsWith(o));
    if (!op) continue;
    // the working folder is known wherever it is written (as a recipe reads it)
    let value = rest.slice(op.length).trim();
    for (const w of MAKE_WORKING_FOLDER) value = value.split(`$(${w})`).join('.').split(`\${${w}}`).join('.');
    const literal = op !== '+=' && op !== '!=' && !line.endsWith('\\') ? value : undefined;
    seen.set(name, seen.has(name) && seen.get(name) !== literal ? undefined : literal);
    origins.set(name, { start: s, end: e });
  }
  const raw = new Map<string, string>();
  for (const [k, v] of seen) if (v !== undefined) raw.set(k, v);
  const vars = new Map<string, string>();
  const expanded = new Map<string, string>();
  for (const k of raw.keys()) {
    const v = expandMake(k, raw, expanded, 0);
    // a value that is nothing but unknown parts tells nothing
    if (v.replaceAll(UNKNOWN, '').trim()) vars.set(k, v);
  }
  return { vars, origins };
}

/** How deep make variables' references are followed, and the longest value one may expand to. */
const MAX_MAKE_DEPTH = 8;
const MAX_MAKE_VALUE = 8_192;

/**
 * The value of a make variable with its references to others expanded (`$(A)`, `${A}`), as far as they are known:
 * a function (`$(if ...)`), an automatic or unknown variable, a shell `$$x`, and anything past the bounds are
 * UNKNOWN (a word with such a part is not known; the words around it are).
 */
function expandMake(name: string, raw: ReadonlyMap<string, string>, done: Map<string, string>, depth: number): string {
  const memo = done.get(name);
  if (memo !== undefined) return memo;
  const v = raw.get(name);
  if (v === undefined || depth > MAX_MAKE_DEPTH) return UNKNOWN;
  done.set(name, UNKNOWN); // a variable that refers to itself is unknown
  let out = '';
  for (let i = 0; i < v.length && out.length <= MAX_MAKE_VALUE;) {
    const c = v[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const open = v[i + 1];
    const close = open === '(' ? ')' : open === '{' ? '}' : undefined;
    if (!close) {
      // `$$x` (the shell's variable) or `$@`-like: unknown, with the name it is followed by
      out += UNKNOWN;
      i += open === '$' ? 2 + (/^[A-Za-z0-9_]*/.exec(v.slice(i + 2, i + 66))?.[0].length ?? 0) : 2;
      continue;
    }
    let end = i + 2;
    for (let d = 1; end < v.length; end++) {
      if (v[end] === open) d++;
      else if (v[end] === close && --d === 0) break;
    }
    const inner = v.slice(i + 2, end).trim();
    out += /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(inner) ? expandMake(inner, raw, done, depth + 1) : UNKNOWN;
    i = end + 1;
  }
  const value = out.length > MAX_MAKE_VALUE ? UNKNOWN : out;
  done.set(name, value);
  return value;
}

const MAKE_DIRECTIVE = new Set([
  'export',
  'unexport',
  'override',
  'define',
  'endef',
  'ifeq',
  'ifneq',
  'ifdef',
  'ifndef',
  'else',
  'endif',
  'include',
  '-include',
  'sinclude',
  'vpath',
]);

/** The colon of a rule line (`target: prerequisites`), or -1 for an assignment, a directive or anything else. */
function ruleColon(line: string): number {
  const first = line.trimStart().split(/[ \t]/, 1)[0];
  if (MAKE_DIRECTIVE.has(first)) return -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '=') return -1;
    if (c === '$' && line[i + 1] === '(') {
      const close = line.indexOf(')', i);
      if (close < 0) return -1;
      i = close;
      continue;
    }
    if (c === ':') return line[i + 1] === '=' || (line[i + 1] === ':' && line[i + 2] === '=') ? -1 : i;
  }
  return -1;
}
