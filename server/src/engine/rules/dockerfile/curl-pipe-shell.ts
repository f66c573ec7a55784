import { logicalArgs, shellOf } from '../../sources/dockerfile/model';
import { baseName, program } from '../../sources/dockerfile/shell';
import type { DockerfileRule } from '../rule';
import { DOWNLOADER, INTERPRETER } from '../../vocabulary/sources';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/curl-pipe-shell',
    kind: 'dockerfile',
    title: 'Downloaded script piped into a shell',
    severity: 'warning',
    quadrant: 'supply-chain',
    description:
      'Flags `curl`/`wget` output piped into `sh`, `bash`, `zsh`, `python`, `perl`..., and `bash <(curl ...)` / ' +
      '`sh -c "$(curl ...)"`, in RUN (shell and JSON form, heredocs, across continuation lines).',
    why:
      'The script is executed as it arrives, unreviewed and unverified: whoever controls the server (or the network ' +
      'path, with -k) runs code in your build.',
    howToFix: 'Download to a file, verify its checksum or signature, then run it; or install from a package manager.',
    cwe: ['CWE-494'],
    references: ['https://docs.docker.com/build/building/best-practices/#using-pipes'],
    examples: {
      bad: [
        'FROM alpine:3.20\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER 10001\n',
        'FROM debian:12\nRUN bash <(wget -qO- https://example.com/i.sh)\nUSER 10001\n',
      ],
      good: [
        'FROM alpine:3.20\nRUN curl -fsSLo /tmp/i.sh https://example.com/install.sh \\\n && echo "0000  /tmp/i.sh" ' +
          '| sha256sum -c - && sh /tmp/i.sh\nUSER 10001\n',
      ],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'RUN') continue;
      const seen = new Offsets();
      const cmds = shellOf(m, i);
      for (const c of cmds) {
        const p = program(c);
        if (!p || !INTERPRETER.test(baseName(p.word.text))) continue;
        // source piped in: any command earlier in the same pipeline is a download
        let src = c.pipedFrom;
        let fetch = undefined as typeof p | undefined;
        for (let guard = 0; src && guard < 16; src = src.pipedFrom, guard++) {
          const sp = program(src);
          if (sp && DOWNLOADER.test(baseName(sp.word.text))) {
            fetch = sp;
            break;
          }
        }
        if (fetch && !seen.has(fetch.word.start)) {
          seen.add(fetch.word.start);
          ctx.report({
            start: fetch.word.start,
            end: c.words[c.words.length - 1].end,
            message:
              `RUN pipes a download (${fetch.word.text}) straight into ${baseName(p.word.text)}: the script runs ` +
              `unverified. Download, verify a checksum, then run it.`,
          });
        }
      }
      // process substitution and command substitution: bash <(curl ...), sh -c "$(curl ...)" (only where a
      // downloader is named: the logical text costs an offset per character to build)
      const raw = m.text.slice(i.argsStart, i.end);
      if (!raw.includes('curl') && !raw.includes('wget')) continue;
      for (const lt of logicalArgs(m, i)) {
        for (const x of shellRunsDownload(lt.text)) {
          const s = lt.offsets[x.start];
          const e = lt.offsets[x.end];
          if (seen.anyBetween(s, e)) continue;
          seen.add(s);
          ctx.report({
            start: s,
            end: e,
            message:
              `RUN runs a downloaded script (${x.tool}) through a shell without verifying it. Download, verify a ` +
              `checksum, then run it.`,
          });
        }
      }
    }
  },
};

const SH_WORD = /\b(?:ba|z|da|k)?sh\b/g;
const SUBST = /(?:<\(|-c\s+["']?\$\(|\$\()\s*(curl|wget)\b/g;
const SEPARATOR = /[|;&\n]/g;

/**
 * `sh <(curl ...)`, `bash -c "$(curl ...)"`, `sh $(wget ...)`: a shell word and, later in the same simple command
 * (no `|;&` or newline between), a substitution that runs curl or wget. A scan in linear time: each search
 * remembers where it found its next match, so that no part of the text is searched twice.
 */
export function shellRunsDownload(t: string): { start: number; end: number; tool: string }[] {
  const out: { start: number; end: number; tool: string }[] = [];
  const next = (re: RegExp) => {
    let from = -1;
    let hit: RegExpExecArray | null = null;
    return (pos: number): RegExpExecArray | null => {
      if (from >= 0 && pos >= from && (hit === null || hit.index >= pos)) return hit;
      re.lastIndex = pos;
      from = pos;
      hit = re.exec(t);
      return hit;
    };
  };
  const sh = next(SH_WORD),
    sub = next(SUBST),
    sep = next(SEPARATOR);
  for (let pos = 0; pos < t.length;) {
    const w = sh(pos);
    if (!w) break;
    const after = w.index + w[0].length;
    const end = sep(after);
    const segEnd = end ? end.index : t.length;
    const x = sub(after);
    if (x && x.index < segEnd) {
      out.push({ start: w.index, end: x.index + x[0].length, tool: x[1] });
      pos = x.index + x[0].length;
    } else pos = Math.max(segEnd, after);
  }
  return out;
}

/** Offsets already reported, kept sorted: "is one of them in [lo, hi]" is a binary search. */
class Offsets {
  private readonly sorted: number[] = [];
  private lowerBound(v: number): number {
    let a = 0,
      b = this.sorted.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (this.sorted[mid] < v) a = mid + 1;
      else b = mid;
    }
    return a;
  }
  has(v: number): boolean {
    const i = this.lowerBound(v);
    return this.sorted[i] === v;
  }
  add(v: number): void {
    const i = this.lowerBound(v);
    if (this.sorted[i] !== v) this.sorted.splice(i, 0, v);
  }
  anyBetween(lo: number, hi: number): boolean {
    const i = this.lowerBound(lo);
    return i < this.sorted.length && this.sorted[i] <= hi;
  }
}
