// A justfile (casey/just's command runner) as command lines: its recipes' bodies, just's line prefixes removed.
// Interpolations (`{{ image }}`) are masked before (sources/template.ts): they read as variables we cannot know.
import type { Mapped, Span } from '../../model/shell/parse';
import type { LineIndex } from '../../text';
import { ENGINE_PROGRAMS } from '../../vocabulary/dockerOptions';
import { Builder, lines } from './text';

/** Lines at the left margin that are no recipe: settings, assignments, aliases, imports, modules, attributes. */
const NOT_A_RECIPE = /^(set|export|alias|import|mod)\b|^\[|:=/;
/** A recipe's first line: `name params: deps`, `@name:` (quiet), `name *args='x': dep`. */
const RECIPE = /^@?[A-Za-z_][A-Za-z0-9_-]*(?:\s[^:]*)?:/;

/**
 * The body lines of a justfile's recipes (the indented lines after a recipe's first line), without just's `@`
 * (quiet) and `-` (ignore errors) prefixes at the start of a line it runs (not on a continuation line, nor in a
 * shebang recipe, whose body goes to its interpreter as written). A recipe whose body starts with a shebang of another language
 * (`#!/usr/bin/env python3`) is left out; one with a shell's shebang is read as the script it is.
 */
export function justRecipes(index: LineIndex, isShellShebang: (line: string) => boolean): Mapped {
  const { text } = index;
  const b = new Builder(text);
  let inRecipe = false;
  let first = false;
  let other = false;
  /** A shebang recipe: its body goes to the interpreter as written (just reads no prefixes in it). */
  let script = false;
  let continued = false;
  for (const [s, e] of lines(index)) {
    const line = text.slice(s, e);
    const indented = line.startsWith(' ') || line.startsWith('\t');
    if (!indented) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      inRecipe = !NOT_A_RECIPE.test(line) && RECIPE.test(line);
      first = true;
      other = script = continued = false;
      continue;
    }
    if (!inRecipe || line.trim() === '') continue;
    let k = s;
    while (k < e && (text[k] === ' ' || text[k] === '\t')) k++;
    if (first) {
      first = false;
      if (text.startsWith('#!', k)) {
        other = !isShellShebang(text.slice(k, e));
        script = true;
        continue;
      }
    }
    if (other) continue;
    // `@` and `-` begin a line of a recipe that just runs line by line, not its continuation lines (`--flag \`)
    if (!script && !continued) while (k < e && (text[k] === '@' || text[k] === '-')) k++;
    continued = line.endsWith('\\');
    b.line(k, e);
  }
  return b.done(text.length);
}

/** The name before `:=` at the left margin, `export` or not. */
const ASSIGNED = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*$/;

/** The string literals of one of just's expressions: double-quoted (with escapes) or single-quoted. */
function literals(expr: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < expr.length; i++) {
    const q = expr[i];
    if (q !== '"' && q !== "'") continue;
    let v = '';
    let j = i + 1;
    for (; j < expr.length && expr[j] !== q; j++) {
      if (q === '"' && expr[j] === '\\' && j + 1 < expr.length) j++;
      v += expr[j];
    }
    out.push(v);
    i = j;
  }
  return out;
}

/**
 * What a justfile's variables likely hold, for the recipes that read them from the environment (`export`,
 * `${PODMAN}`): an engine program when one of the expression's strings is one (bluefin's
 * `PODMAN := if path_exists("/usr/bin/podman") ... { env("PODMAN", "docker") }`), `sudo` when one is (`SUDOIF := if
 * ... { "" } else { "sudo" }`), else the one string of an expression that is just a string. Where each is assigned.
 */
export function justAssignments(index: LineIndex): { likelyVars: Map<string, string>; origins: Map<string, Span> } {
  const likelyVars = new Map<string, string>();
  const origins = new Map<string, Span>();
  const { text } = index;
  for (let l = 0; l < index.lineCount; l++) {
    const s = index.starts[l];
    const line = text.slice(s, index.lineEnd(l));
    const at = line.indexOf(':=');
    const name = at > 0 ? ASSIGNED.exec(line.slice(0, at)) : null;
    if (!name) continue;
    const expr = line.slice(at + 2).trim();
    const strings = literals(expr);
    const program = (v: string) => v.slice(v.lastIndexOf('/') + 1);
    const single =
      strings.length === 1 && (expr[0] === '"' || expr[0] === "'") && expr.length === strings[0].length + 2;
    const value =
      strings.map(program).find((v) => ENGINE_PROGRAMS.includes(v)) ??
      (strings.includes('sudo') ? 'sudo' : single ? strings[0] : undefined);
    if (value === undefined) continue;
    likelyVars.set(name[1], value);
    origins.set(name[1], { start: s, end: s + line.length });
  }
  return { likelyVars, origins };
}
