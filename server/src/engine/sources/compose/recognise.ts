// Recognising a Compose file by its content, where its name tells nothing: a file named on the command line (a
// cheap look), and a YAML file a walk meets named otherwise (`latest.yml`, `production.yml`, `stack.yml`), which must
// be a Compose project for sure.

/** The keys Compose reads at the top of a file (`x-` extensions aside); any other is an error to Compose. */
export const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  'version',
  'name',
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'include',
]);

// ---- a file named on the command line (its name says nothing): a looser look, the user asked for it ----

/** A line that starts with `services:` (the key possibly quoted): a Compose file's top-level services. */
export function hasTopLevelServices(text: string): boolean {
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    if (/^["']?services["']?[ \t]*:/.test(text.slice(i, Math.min(e, i + 64)))) return true;
    i = e + 1;
  }
  return false;
}

/**
 * A legacy (version 1) Compose file, by a cheap look: the first line that is not blank or a comment is a top-level
 * key on its own (`web:`), and some indented line sets `image` or `build`. (The Compose model decides for sure.)
 */
export function looksLikeLegacyCompose(text: string): boolean {
  let first = true;
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    const line = text.slice(i, Math.min(e, i + 200));
    i = e + 1;
    if (first) {
      if (/^\s*(#.*)?$/.test(line)) continue;
      if (!/^[A-Za-z0-9_.-]+:[ \t]*(#.*)?\r?$/.test(line)) return false;
      first = false;
      continue;
    }
    if (/^[ \t]+(image|build)[ \t]*:/.test(line)) return true;
  }
  return false;
}

// ---- a file a walk meets: strictly, since nobody asked for it ----

/** A YAML file name: the walk reads the head of such a file when its name alone does not make it lintable. */
export const YAML_NAME = /\.ya?ml$/i;

/** How much of a YAML file the walk reads to recognise it (a longer file is judged on this much). */
export const COMPOSE_HEAD_BYTES = 64 * 1024;
/** How much it reads first: enough to rule most other YAML out (see rejectsCompose). */
export const COMPOSE_FIRST_BYTES = 4 * 1024;

/** A top-level block mapping key, plain or quoted, and what follows its colon on the line. */
const TOP_KEY = /^(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_.-]+))[ \t]*:(.*)$/;
/** A line with nothing to read: blank, or a comment. */
const NOTHING = /^[ \t]*(?:#.*)?$/;
/** The first entry under `services:` when they are a block mapping: an indented key. */
const INDENTED_KEY = /^[ \t]+(?:"[^"\\]*"|'[^']*'|[A-Za-z0-9_.-]+)[ \t]*:(?:[ \t]|$)/;

/**
 * A file that Compose reads as a project, judged strictly so that other YAML (CI configurations with a `services`
 * list, chart values, playbooks) is never taken for it: its top level is a block mapping whose keys are all keys
 * Compose knows (or `x-` extensions) and include `services`, itself a block mapping (`services:` alone on its line,
 * an indented key under it). A directive and a `---` before the first key are allowed; a second document ends the
 * look. Compose rejects a file with any other top-level key, so such a file is not a Compose file. `truncated`: the
 * text is the head of a longer file (its last, partial line is not read).
 */
export function isComposeByContent(text: string, truncated = false): boolean {
  return scan(truncated ? completeLines(text) : text) === 'yes';
}

/**
 * The head of a file already tells that it is not a Compose project (a top-level key Compose does not know, a
 * list): most YAML (manifests, CI configurations) is told apart by its first lines, without reading further.
 */
export function rejectsCompose(head: string): boolean {
  return scan(completeLines(head)) === 'no';
}

/** The text up to its last line break (a head cut in the middle of a line). */
function completeLines(text: string): string {
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

/** A service's own key that makes it runnable (or brings what does): Compose refuses a service with none. */
const RUNNABLE = /^(?:image|build|extends|<<)[ \t]*:/;

/** Where a scan is in the services block: the indents of service names and of their own keys, once seen. */
interface ServicesBlock {
  nameIndent: number;
  keyIndent: number;
}

/**
 * 'no' as soon as a line rules Compose out; else 'yes' when the text holds Compose's services with at least one
 * runnable one (its own `image`, `build`, `extends` or merge key: Lando's `.lando.yml`, with `services` of `type:`
 * only, is not Compose), 'none' when not.
 */
function scan(head: string): 'yes' | 'no' | 'none' {
  const text = head.replace(/^\uFEFF/, '');
  let runnable = false;
  let block: ServicesBlock | undefined;
  let started = false;
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    const line = text.slice(i, e).replace(/\r$/, '');
    i = e + 1;
    if (NOTHING.test(line)) continue;
    if (line.startsWith('---') || line.startsWith('...')) {
      if (started) break; // the next document: Compose reads the first (and merges the others onto it)
      if (/^---[ \t]*(#.*)?$/.test(line)) continue;
      return 'no'; // content after the marker (`--- {services: ...}`): not the block form judged here
    }
    if (!started && line.startsWith('%')) continue; // %YAML, %TAG
    started = true;
    if (line[0] === ' ' || line[0] === '\t') {
      if (!block) continue; // inside another top-level entry
      const indent = line.length - line.trimStart().length;
      if (block.nameIndent < 0) {
        // the first entry under `services:`: a service name, or not Compose's services (a list, flow, text)
        if (!INDENTED_KEY.test(line)) return 'no';
        block.nameIndent = indent;
      } else if (indent > block.nameIndent) {
        if (block.keyIndent < 0) block.keyIndent = indent;
        if (indent === block.keyIndent && RUNNABLE.test(line.trimStart())) runnable = true;
      }
      continue;
    }
    if (block?.nameIndent === -1) return 'no'; // `services:` with nothing under it
    block = undefined;
    const m = TOP_KEY.exec(line);
    if (!m) return 'no'; // a list, a flow collection, a scalar document: not a mapping of Compose's keys
    const key = m[1] ?? m[2] ?? m[3];
    const after = m[4];
    if (after && after[0] !== ' ' && after[0] !== '\t') return 'no'; // `a:b` is a plain scalar, not a key
    if (!TOP_LEVEL_KEYS.has(key) && !key.startsWith('x-')) return 'no';
    if (key === 'services') {
      // `services:` alone on its line (an anchor may name it); `services: {}` holds nothing to judge
      let rest = after.trim();
      if (rest.startsWith('&')) rest = rest.replace(/^\S+/, '').trim();
      if (rest && !rest.startsWith('#')) return 'no';
      block = { nameIndent: -1, keyIndent: -1 };
    }
  }
  return runnable ? 'yes' : 'none';
}
