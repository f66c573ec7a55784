import { logicalArgs, shellOf } from '../../model/dockerfile/model';
import { baseName, program } from '../../model/dockerfile/shell';
import type { DockerfileRule } from '../rule';

const FETCH = /^(curl|wget|fetch|aria2c)$/;
const SHELL = /^(sh|bash|zsh|dash|ksh|ash|fish|python\d*(\.\d+)?|perl|ruby|node|php|pwsh|powershell)$/;

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/curl-pipe-shell', kind: 'dockerfile', title: 'Downloaded script piped into a shell', severity: 'warning', quadrant: 'supply-chain',
    description: 'Flags `curl`/`wget` output piped into `sh`, `bash`, `zsh`, `python`, `perl`..., and `bash <(curl ...)` / `sh -c "$(curl ...)"`, in RUN (shell and JSON form, heredocs, across continuation lines).',
    why: 'The script is executed as it arrives, unreviewed and unverified: whoever controls the server (or the network path, with -k) runs code in your build.',
    howToFix: 'Download to a file, verify its checksum or signature, then run it; or install from a package manager.',
    cwe: ['CWE-494'],
    references: ['https://docs.docker.com/build/building/best-practices/#using-pipes'],
    examples: {
      bad: ['FROM alpine:3.20\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER 10001\n', 'FROM debian:12\nRUN bash <(wget -qO- https://example.com/i.sh)\nUSER 10001\n'],
      good: ['FROM alpine:3.20\nRUN curl -fsSLo /tmp/i.sh https://example.com/install.sh \\\n && echo "0000  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword !== 'RUN') continue;
      const seen = new Set<number>();
      const cmds = shellOf(m, i);
      for (const c of cmds) {
        const p = program(c);
        if (!p || !SHELL.test(baseName(p.word.text))) continue;
        // source piped in: any command earlier in the same pipeline is a download
        let src = c.pipedFrom;
        let fetch = undefined as typeof p | undefined;
        for (let guard = 0; src && guard < 16; src = src.pipedFrom, guard++) {
          const sp = program(src);
          if (sp && FETCH.test(baseName(sp.word.text))) { fetch = sp; break; }
        }
        if (fetch && !seen.has(fetch.word.start)) {
          seen.add(fetch.word.start);
          ctx.report({ start: fetch.word.start, end: c.words[c.words.length - 1].end, message: `RUN pipes a download (${fetch.word.text}) straight into ${baseName(p.word.text)}: the script runs unverified. Download, verify a checksum, then run it.` });
        }
      }
      // process substitution and command substitution: bash <(curl ...), sh -c "$(curl ...)"
      for (const lt of logicalArgs(m, i)) {
        const re = /\b(?:ba|z|da|k)?sh\b[^|;&\n]*?(?:<\(|-c\s+["']?\$\(|\$\()\s*(curl|wget)\b/g;
        for (let x = re.exec(lt.text); x; x = re.exec(lt.text)) {
          const s = lt.offsets[x.index];
          if ([...seen].some((v) => v >= s && v <= lt.offsets[x!.index + x![0].length])) continue;
          seen.add(s);
          ctx.report({ start: s, end: lt.offsets[x.index + x[0].length], message: `RUN runs a downloaded script (${x[1]}) through a shell without verifying it. Download, verify a checksum, then run it.` });
        }
      }
    }
  },
};
