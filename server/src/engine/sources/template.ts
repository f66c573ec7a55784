// Templates of Dockerfiles and Compose files (an Ansible role's `Dockerfile.j2` and `docker-compose.yml.j2`,
// `Containerfile.tmpl`): a tool renders them before any build or `docker compose up`. Their literal text is a
// Dockerfile's or a Compose file's and is judged as one; each template tag is masked first, so that
// `FROM {{ image }}` reads as an image we cannot know (a variable), not as an image named `{{`, and `{% if %}`
// lines as nothing. Positions are kept (a mask is as long as its tag); messages name the tags as written.
import type { Finding, LintResult } from '../types';
import { withLazyFixes } from '../rules/rule';

/** Extensions of template files (Jinja, Go templates, Mustache and Handlebars, Nunjucks). */
const TEMPLATE_EXTENSION = /\.(j2|jinja|jinja2|tmpl|tpl|template|gotmpl|mustache|hbs|njk)$/i;
/** The Jinja family, whose `{% %}` statements and `{# #}` comments are tags too (elsewhere `${#x}` is shell). */
const JINJA_EXTENSION = /\.(j2|jinja|jinja2|njk)$/i;

/** Is this file (by name) a template (`Dockerfile.j2`, `Containerfile.tmpl`, `docker-compose.yml.j2`)? */
export function isTemplateName(file: string): boolean {
  return TEMPLATE_EXTENSION.test(file);
}

/** The name a template renders to (`docker-compose.yml.j2` -> `docker-compose.yml`), or undefined for none. */
export function renderedName(name: string): string | undefined {
  const m = TEMPLATE_EXTENSION.exec(name);
  return m ? name.slice(0, m.index) : undefined;
}

export interface MaskedTemplate {
  /** The text with each tag masked: `{{ x }}` as a variable of the same length, `{% %}` and `{# #}` as blanks. */
  text: string;
  /** A message about the masked text, with each masked expression written as the template writes it. */
  restore(message: string): string;
}

/**
 * Masks a template's tags in one pass (`{% %}` and `{# #}` in the Jinja family only). An expression inside a line
 * becomes `${T<n>___}` (an unknown variable of the same length; `${_}` when too short to number); a statement, a
 * comment, an expression over several lines or alone on its line (it renders to lines of its own: a YAML block, a
 * Dockerfile's instructions) becomes spaces, its newlines kept. A tag that is never closed is masked to the end of
 * its line.
 */
export function maskTemplate(file: string, text: string): MaskedTemplate {
  const jinja = JINJA_EXTENSION.test(file);
  const originals: string[] = [];
  const noCloser = new Set<string>();
  let out = '';
  let i = 0;
  for (;;) {
    const open = text.indexOf('{', i);
    if (open < 0 || open + 1 >= text.length) break;
    const kind = text[open + 1];
    if (kind !== '{' && !(jinja && (kind === '%' || kind === '#'))) {
      out += text.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    const closer = kind === '{' ? '}}' : `${kind}}`;
    // once a closer is missing from here on, it is missing for every later tag (no search runs twice to the end)
    const close = noCloser.has(closer) ? -1 : text.indexOf(closer, open + 2);
    if (close < 0) noCloser.add(closer);
    let end: number;
    if (close < 0) {
      const lineEnd = text.indexOf('\n', open);
      end = lineEnd < 0 ? text.length : lineEnd;
    } else {
      end = close + 2;
      while (kind === '{' && text[end] === '}') end++; // `{{{ x }}}`
    }
    out += text.slice(i, open);
    const tag = text.slice(open, end);
    const inLine = !tag.includes('\n') && !aloneOnLine(text, open, end);
    out += kind === '{' && inLine ? variableFor(tag, originals) : blank(tag);
    i = end;
  }
  out += text.slice(i);
  return {
    text: out,
    restore: (m) => m.replace(/\$\{T(\d+)_*\}/g, (all, n: string) => originals[Number(n)] ?? all),
  };
}

/**
 * Is `text[start, end)` all its line holds but blanks? Only the blanks around it are read (a long line of many tags
 * is read once, not once per tag).
 */
function aloneOnLine(text: string, start: number, end: number): boolean {
  let a = start - 1;
  while (a >= 0 && (text[a] === ' ' || text[a] === '\t')) a--;
  if (a >= 0 && text[a] !== '\n') return false;
  let b = end;
  while (b < text.length && (text[b] === ' ' || text[b] === '\t' || text[b] === '\r')) b++;
  return b === text.length || text[b] === '\n';
}

function variableFor(tag: string, originals: string[]): string {
  const n = originals.length;
  const name = `T${n}`;
  if (tag.length < name.length + 3) return tag.length >= 4 ? `\${${'_'.repeat(tag.length - 3)}}` : blank(tag);
  originals.push(tag);
  return `\${${name}${'_'.repeat(tag.length - name.length - 3)}}`;
}

function blank(tag: string): string {
  return tag.replace(/[^\n]/g, ' ');
}

/**
 * Lints a template by its literal text: `lint` runs on the masked text; the findings' messages (and their related
 * information's, and the problems') name the tags as written, and no fix is offered (an edit computed on the masked
 * text could write a mask into the file).
 */
export function lintTemplate(file: string, text: string, lint: (text: string) => LintResult): LintResult {
  const masked = maskTemplate(file, text);
  const r = lint(masked.text);
  const findings = r.findings.map((f): Finding => {
    const related = f.related?.map((x) => ({ ...x, message: masked.restore(x.message) }));
    const { ruleId, severity, file: at, range, start, end, ignoreReason } = f;
    const message = masked.restore(f.message);
    const g = withLazyFixes(
      { ruleId, severity, file: at, range, start, end, related, ignoreReason, message },
      undefined,
    );
    if (f.lineComment === false) g.lineComment = false;
    return g;
  });
  return { ...r, findings, problems: r.problems.map((p) => ({ ...p, message: masked.restore(p.message) })) };
}
