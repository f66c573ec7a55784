// A justfile (casey/just's command runner) as command lines: its recipes' bodies, just's line prefixes removed.
// Interpolations (`{{ image }}`) are masked before (sources/template.ts): they read as variables we cannot know.
import type { Mapped } from '../../model/shell/parse';
import type { LineIndex } from '../../text';
import { Builder, lines } from './text';

/** Lines at the left margin that are no recipe: settings, assignments, aliases, imports, modules, attributes. */
const NOT_A_RECIPE = /^(set|export|alias|import|mod)\b|^\[|:=/;
/** A recipe's first line: `name params: deps`, `@name:` (quiet), `name *args='x': dep`. */
const RECIPE = /^@?[A-Za-z_][A-Za-z0-9_-]*(?:\s[^:]*)?:/;

/**
 * The body lines of a justfile's recipes (the indented lines after a recipe's first line), without just's `@`
 * (quiet) and `-` (ignore errors) prefixes. A recipe whose body starts with a shebang of another language
 * (`#!/usr/bin/env python3`) is left out; one with a shell's shebang is read as the script it is.
 */
export function justRecipes(index: LineIndex, isShellShebang: (line: string) => boolean): Mapped {
  const { text } = index;
  const b = new Builder(text);
  let inRecipe = false;
  let first = false;
  let other = false;
  for (const [s, e] of lines(index)) {
    const line = text.slice(s, e);
    const indented = line.startsWith(' ') || line.startsWith('\t');
    if (!indented) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      inRecipe = !NOT_A_RECIPE.test(line) && RECIPE.test(line);
      first = true;
      other = false;
      continue;
    }
    if (!inRecipe || line.trim() === '') continue;
    let k = s;
    while (k < e && (text[k] === ' ' || text[k] === '\t')) k++;
    if (first) {
      first = false;
      if (text.startsWith('#!', k)) {
        other = !isShellShebang(text.slice(k, e));
        continue;
      }
    }
    if (other) continue;
    while (k < e && (text[k] === '@' || text[k] === '-')) k++;
    b.line(k, e);
  }
  return b.done(text.length);
}
