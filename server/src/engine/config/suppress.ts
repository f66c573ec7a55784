// Suppression comments:
//   # docker-security-lint ignore=compose/privileged,compose/cap-add -- reason      (this line, or the next line)
//   # docker-security-lint ignore-file=compose/memory-limit -- reason               (leading comment block)
import { leadingCommentEnd, type LineIndex } from '../text';
import { parseDockerfile } from '../sources/dockerfile/model';
import type { Finding, TextEdit } from '../types';
import { peerRuleIds } from '../vocabulary/peers';

export interface Directive {
  kind: 'line' | 'file';
  ids: string[];
  reason: string | undefined;
  /** The reason is still the placeholder the quick fix wrote (`<why this is acceptable>`): not a reason. */
  placeholder?: boolean;
  /** The lines the directive covers, first to last (for 'line'; -1 for 'file'). */
  from: number;
  to: number;
  /** Another linter's comment read as ours (`# hadolint ignore=DL3002`, `# dclint disable-line`): its name. */
  peer?: 'hadolint' | 'dclint';
  /** Offsets of the comment, for meta findings. */
  start: number;
  end: number;
  used: Set<string>;
}

const MARKER = 'docker-security-lint';
/** What the suppression quick fixes write after `--`: a reason to replace, which counts as none until it is. */
export const REASON_PLACEHOLDER = '<why this is acceptable>';
/** A reason that is only a `<...>` placeholder. */
const PLACEHOLDER = /^<[^<>]*>$/;
const IDS = /^[A-Za-z0-9_/,*\s-]*$/;

/**
 * Parses `# docker-security-lint ignore[-file]=ids [-- reason]` in a comment's text, by hand and in linear time (a
 * regular expression for it backtracked cubically on a long run of spaces). The first marker preceded by `#` is
 * the directive; ids may contain `-`, and the first `--` starts the reason.
 */
export function parseDirective(
  comment: string,
): { kind: 'line' | 'file'; ids: string[]; reason: string | undefined; placeholder?: boolean } | undefined {
  const at = comment.indexOf(MARKER);
  if (at < 0) return undefined;
  let h = at - 1;
  while (h >= 0 && /\s/.test(comment[h])) h--;
  // `#` in YAML and Dockerfiles, `//` (or `/*`) in JSON with comments
  const jsonc = (comment[h] === '/' || comment[h] === '*') && comment[h - 1] === '/';
  if (comment[h] !== '#' && !jsonc) return undefined;
  let i = at + MARKER.length;
  const ws = i;
  while (i < comment.length && /\s/.test(comment[i])) i++;
  if (i === ws || !comment.startsWith('ignore', i)) return undefined;
  i += 'ignore'.length;
  let kind: 'line' | 'file' = 'line';
  let j = i;
  while (j < comment.length && /\s/.test(comment[j])) j++;
  if (comment[j] !== '=' && comment.startsWith('-file', i)) {
    kind = 'file';
    j = i + '-file'.length;
    while (j < comment.length && /\s/.test(comment[j])) j++;
  }
  if (comment[j] !== '=') return undefined;
  const rest = comment.slice(j + 1);
  const sep = rest.indexOf('--');
  const idsPart = sep < 0 ? rest : rest.slice(0, sep);
  if (!IDS.test(idsPart)) return undefined;
  const ids = idsPart
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const written = sep < 0 ? undefined : rest.slice(sep + 2).trim() || undefined;
  if (written !== undefined && PLACEHOLDER.test(written)) return { kind, ids, reason: undefined, placeholder: true };
  return { kind, ids, reason: written };
}

type Parsed = NonNullable<ReturnType<typeof parseDirective>> & { peer?: 'hadolint' | 'dclint'; anywhere?: true };

/**
 * hadolint's and dclint's own comments, read as directives of ours with their ids mapped to our rules
 * (vocabulary/peers.ts); a comment that maps to none of ours is not one. `# hadolint ignore=DL3006,DL3008` covers
 * the instruction below, `# hadolint global ignore=...` the file (wherever it is); `# dclint disable-line [rules]`
 * its line or the line below, `# dclint disable [rules]` and `# dclint disable-file` the file (in its leading
 * comments). Without rule names, dclint's comments stand for every dclint rule we map, never for all of ours.
 */
export function parsePeerDirective(comment: string): Parsed | undefined {
  const words = comment
    .replace(/^#\s*/, '')
    .trim()
    .split(/[ \t]+/);
  if (words[0] === 'hadolint') {
    const anywhere = words[1] === 'global';
    const rest = words.slice(anywhere ? 2 : 1).join('');
    if (!rest.startsWith('ignore=')) return undefined;
    const ids = peerRuleIds('hadolint', rest.slice('ignore='.length).split(','));
    if (!ids.length) return undefined;
    return {
      kind: anywhere ? 'file' : 'line',
      ids,
      reason: undefined,
      peer: 'hadolint',
      ...(anywhere ? { anywhere } : {}),
    };
  }
  if (words[0] === 'dclint') {
    const verb = words[1];
    if (verb !== 'disable-line' && verb !== 'disable' && verb !== 'disable-file') return undefined;
    const ids = peerRuleIds('dclint', verb === 'disable-file' ? [] : words.slice(2).filter(Boolean));
    if (!ids.length) return undefined;
    return { kind: verb === 'disable-line' ? 'line' : 'file', ids, reason: undefined, peer: 'dclint' };
  }
  return undefined;
}

export interface CommentLine {
  line: number;
  /** offset of '#' */ start: number;
  end: number;
  /** the whole line is a comment */ whole: boolean;
}

/**
 * Collects directives. `comments` are the file's comments (the models know where comments can be: YAML comments
 * anywhere, Dockerfile comment lines outside heredocs). `spanOf(line)` gives the first and last line that a
 * directive on the line above covers (a Dockerfile instruction with its continuation lines, or just that line).
 * Linear in the comments: the end of each run of stacked comment lines is found once, not once per line of it.
 */
export function collectDirectives(
  index: LineIndex,
  comments: CommentLine[],
  spanOf: (line: number) => [number, number],
  leadingEnd: number,
): Directive[] {
  const out: Directive[] = [];
  const commentLines = new Set(comments.filter((c) => c.whole).map((c) => c.line));
  const belowStack = new Map<number, number>(); // comment line -> the first line below its stack that is not a comment
  const codeBelow = (line: number): number => {
    let next = line + 1;
    const run: number[] = [];
    while (commentLines.has(next)) {
      const known = belowStack.get(next);
      if (known !== undefined) {
        next = known;
        break;
      }
      run.push(next);
      next++;
    }
    for (const l of run) belowStack.set(l, next);
    return next;
  };
  for (const c of comments) {
    const text = index.text.slice(c.start, c.end);
    const m: Parsed | undefined = parseDirective(text) ?? parsePeerDirective(text);
    if (!m) continue;
    const { ids, reason, kind, placeholder, peer } = m;
    if (kind === 'file' && !m.anywhere && c.line > leadingEnd) continue; // only in the leading comment block
    let span: [number, number] = [-1, -1];
    if (kind === 'line') span = spanOf(c.whole ? codeBelow(c.line) : c.line); // stacked comments cover the code below them
    out.push({
      kind,
      ids,
      reason,
      ...(placeholder ? { placeholder } : {}),
      ...(peer ? { peer } : {}),
      from: span[0],
      to: span[1],
      start: c.start,
      end: c.end,
      used: new Set(),
    });
  }
  return out;
}

/** The directives that cover the same lines, by the ids they name. */
class Group {
  readonly members: Directive[] = [];
  /** Rule ids already looked up (their matching members are marked used), and whether any member matched. */
  private readonly hits = new Map<string, boolean>();
  /** Does a member suppress `ruleId`? Marks, in each such member, the first of its ids that matches (once per id). */
  suppresses(ruleId: string): boolean {
    const known = this.hits.get(ruleId);
    if (known !== undefined) return known;
    let hit = false;
    for (const d of this.members) {
      const id = d.ids.find((x) => x === ruleId || x === 'all');
      if (id) {
        d.used.add(id);
        hit = true;
      }
    }
    this.hits.set(ruleId, hit);
    return hit;
  }
}

/**
 * Directives indexed by the lines they cover, so that each finding costs one lookup whatever the number of
 * directives (one comment per service, or thousands stacked above one instruction, were quadratic). Directives
 * with the same span form one group; spans are single lines or whole instructions, so a line is in few groups.
 */
export class DirectiveIndex {
  private readonly fileWide = new Group();
  private readonly byLine = new Map<number, Group[]>();
  constructor(directives: readonly Directive[]) {
    const bySpan = new Map<string, Group>();
    for (const d of directives) {
      if (d.kind === 'file') {
        this.fileWide.members.push(d);
        continue;
      }
      const key = `${d.from}:${d.to}`;
      let g = bySpan.get(key);
      if (!g) {
        bySpan.set(key, (g = new Group()));
        for (let l = d.from; l <= d.to; l++) {
          const at = this.byLine.get(l);
          if (at) at.push(g);
          else this.byLine.set(l, [g]);
        }
      }
      g.members.push(d);
    }
  }
  suppresses(f: Finding): boolean {
    let hit = this.fileWide.suppresses(f.ruleId);
    for (const g of this.byLine.get(f.range.start.line) ?? []) if (g.suppresses(f.ruleId)) hit = true;
    return hit;
  }
}

export function isSuppressed(f: Finding, directives: DirectiveIndex): boolean {
  return directives.suppresses(f);
}

/** The edit that suppresses `ruleId` on the finding's line: a comment line above it, same indentation. */
export function ignoreLineEdit(
  index: LineIndex,
  line: number,
  ruleId: string,
  marker = '#',
  reason = REASON_PLACEHOLDER,
): TextEdit {
  const start = index.starts[line];
  const indent = /^[ \t]*/.exec(index.lineText(line))![0];
  return {
    start,
    end: start,
    newText: `${indent}${marker} docker-security-lint ignore=${ruleId} -- ${reason}${index.eol()}`,
  };
}

/** A reason the engine knows (Finding.ignoreReason), as one line of a comment: nothing that could end it. */
function commentReason(reason: string | undefined): string | undefined {
  const r = reason
    ?.replace(/[\x00-\x1f\x7f\u0085\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '* /')
    .trim();
  return r ? r.slice(0, 300) : undefined;
}

/** The edit that suppresses `ruleId` in the whole file, at the end of the leading comment block. */
export function ignoreFileEdit(index: LineIndex, afterLine: number, ruleId: string, marker = '#'): TextEdit {
  const start = afterLine < 0 ? 0 : afterLine + 1 < index.lineCount ? index.starts[afterLine + 1] : index.text.length;
  const prefix = afterLine >= 0 && afterLine + 1 >= index.lineCount && !/\r?\n$/.test(index.text) ? index.eol() : '';
  return {
    start,
    end: start,
    newText: `${prefix}${marker} docker-security-lint ignore-file=${ruleId} -- ${REASON_PLACEHOLDER}${index.eol()}`,
  };
}

/**
 * The line a suppression comment goes above: the finding's line in YAML; in a Dockerfile the first line of the
 * instruction that holds it (continuation lines and heredoc bodies cannot take comments).
 */
/** The first and last line of the command line `line` is part of (a line ending with `\\` continues on the next). */
export function continuedCommand(index: LineIndex, line: number): [number, number] {
  const continues = (l: number) => /\\\r?$/.test(index.lineText(l));
  let first = line;
  while (first > 0 && continues(first - 1)) first--;
  let last = line;
  while (last + 1 < index.lineCount && continues(last)) last++;
  return [first, last];
}

export function suppressionLine(kind: string, index: LineIndex, line: number): number {
  // above the command's first line: a continued command is covered from there
  if (kind === 'run') return continuedCommand(index, line)[0];
  if (kind !== 'dockerfile') return line;
  const inst = parseDockerfile('', index.text).instructions.find((i) => i.firstLine <= line && line <= i.lastLine);
  return inst ? inst.firstLine : line;
}

/** What starts a comment in a file of this kind: `//` in a devcontainer.json (JSON with comments), else `#`. */
export function commentMarker(kind: string): string {
  return kind === 'devcontainer' ? '//' : '#';
}

/** "Ignore on this line" and "ignore in this file" fixes for a finding (never safe: they hide it). */
export function suppressionFixes(
  kind: string,
  index: LineIndex,
  f: Finding,
): { title: string; applicability: 'unsafe'; edits: TextEdit[] }[] {
  // daemon.json is strict JSON (dockerd refuses comments): suppress through the config file instead (a systemd
  // unit, the other daemon file, takes `#` lines)
  if (f.ruleId.startsWith('meta/') || (kind === 'daemon' && /\.json$/i.test(f.file))) return [];
  const marker = commentMarker(kind);
  const file = {
    title: `Ignore ${f.ruleId} in this file`,
    applicability: 'unsafe' as const,
    edits: [ignoreFileEdit(index, leadingCommentEnd(index, kind === 'compose', marker), f.ruleId, marker)],
  };
  // inside a folded YAML scalar a `#` line would be part of the command: the file's comment only
  if (f.lineComment === false) return [file];
  const line = {
    title: `Ignore ${f.ruleId} on this line`,
    applicability: 'unsafe' as const,
    edits: [
      ignoreLineEdit(
        index,
        suppressionLine(kind, index, f.range.start.line),
        f.ruleId,
        marker,
        commentReason(f.ignoreReason),
      ),
    ],
  };
  // Markdown: a `#` line at the top of the file would be a heading; inside the code block it is a shell comment
  if (kind === 'run' && /\.(md|markdown)$/i.test(f.file)) return [line];
  return [line, file];
}
