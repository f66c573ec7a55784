// Dockerfile templates (`Dockerfile.j2` of an Ansible role, `Containerfile.tmpl`, vaultwarden's `Dockerfile.j2`): a
// tool renders them before any build. Their literal text is a Dockerfile's and is judged as one; each template tag
// is masked first, so that `FROM {{ image }}` reads as an image we cannot know (a variable), not as an image named
// `{{`, and `{% if %}` lines as nothing. Positions are kept (a mask is as long as its tag); messages name the tags
// as written.

/** Extensions of template files (Jinja, Go templates, Mustache and Handlebars, Nunjucks). */
const TEMPLATE_EXTENSION = /\.(j2|jinja|jinja2|tmpl|tpl|template|gotmpl|mustache|hbs|njk)$/i;
/** The Jinja family, whose `{% %}` statements and `{# #}` comments are tags too (elsewhere `${#x}` is shell). */
const JINJA_EXTENSION = /\.(j2|jinja|jinja2|njk)$/i;

/** Is this file (by name) a template of a Dockerfile (`Dockerfile.j2`, `Containerfile.tmpl`)? */
export function isTemplateName(file: string): boolean {
  return TEMPLATE_EXTENSION.test(file);
}

export interface MaskedTemplate {
  /** The text with each tag masked: `{{ x }}` as a variable of the same length, `{% %}` and `{# #}` as blanks. */
  text: string;
  /** A message about the masked text, with each masked expression written as the template writes it. */
  restore(message: string): string;
}

/**
 * Masks a template's tags in one pass (`{% %}` and `{# #}` in the Jinja family only). An expression on one line becomes `${T<n>___}` (an unknown variable of the
 * same length; `${_}` when too short to number); a statement, a comment or an expression over several lines
 * becomes spaces (its newlines kept). A tag that is never closed is masked to the end of its line.
 */
export function maskTemplate(file: string, text: string): MaskedTemplate {
  const jinja = JINJA_EXTENSION.test(file);
  const originals: string[] = [];
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
    const close = text.indexOf(closer, open + 2);
    const lineEnd = text.indexOf('\n', open);
    let end: number;
    if (close < 0) end = lineEnd < 0 ? text.length : lineEnd;
    else {
      end = close + 2;
      while (kind === '{' && text[end] === '}') end++; // `{{{ x }}}`
    }
    out += text.slice(i, open);
    const tag = text.slice(open, end);
    out += kind === '{' && !tag.includes('\n') ? variableFor(tag, originals) : blank(tag);
    i = end;
  }
  out += text.slice(i);
  return {
    text: out,
    restore: (m) => m.replace(/\$\{T(\d+)_*\}/g, (all, n: string) => originals[Number(n)] ?? all),
  };
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
