import { shellOf } from '../../sources/dockerfile/model';
import { baseName, program } from '../../sources/dockerfile/shell';
import type { Command, Word } from '../../model/shell/parse';
import type { DockerfileRule } from '../rule';
import { DOWNLOADER, INTERPRETER } from '../../vocabulary/sources';

/** Programs that check a checksum or a signature: a RUN that runs one verifies what it downloads. */
const CHECKSUM = /^(sha(1|224|256|384|512)sum|md5sum|b2sum|shasum|cksum|gpgv)$/;
const LOOPBACK = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|host\.docker\.internal)([:/]|$)/i;
/** A key id of 8 or 16 hex digits (not a 40-digit fingerprint, which gpg checks against the key it receives). */
const SHORT_KEY_ID = /^(0x)?([0-9a-f]{8}|[0-9a-f]{16})$/i;

/**
 * Downloads over plain HTTP that the RUN does not verify, signing keys fetched over HTTP, and keys fetched by a short
 * key id. Package managers' `http://` repositories (`deb http://...`, `apk --repository http://...`) are not
 * flagged: apt and apk check the signatures of what they fetch. `ADD http://` is dockerfile/add-remote-url's, a
 * download piped into a shell dockerfile/curl-pipe-shell's.
 */
export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/insecure-download',
    kind: 'dockerfile',
    title: 'Download over plain HTTP without verification',
    severity: 'warning',
    quadrant: 'supply-chain',
    description:
      'Flags `curl`/`wget` downloads of `http://` URLs (as written, or the value of an `ENV`/`ARG` the RUN expands) when the same RUN checks no checksum or signature ' +
      '(`sha256sum -c`, `gpg --verify`, `cosign verify`...); signing keys imported from an `http://` download ' +
      '(`curl http://... | apt-key add -`, `gpg --import`, `rpm --import http://...`, `apt-key adv --fetch-keys`); ' +
      'and keys received by a short key id (`--recv-keys 0x1234ABCD`). Not `http://` package repositories (apt and ' +
      'apk verify signatures) nor loopback addresses.',
    why:
      'Anyone on the network path (a proxy, a Wi-Fi network, a compromised router, the build host’s DNS) can ' +
      'replace what an unencrypted download returns, and nothing in the build notices: the image then runs their ' +
      'code. A signing key fetched that way makes every package they sign trusted; a short key id can be matched by ' +
      'a key anyone generates.',
    howToFix:
      'Download over `https://` and verify what you downloaded in the same RUN (`echo "<sha256>  file" | sha256sum ' +
      '-c -`, or a detached signature with `gpg --verify`); or use `ADD --checksum=sha256:...`. Fetch keys over ' +
      'HTTPS, by their full fingerprint, and check it.',
    fixes: { unsafe: 'Changes `http://` to `https://` (the server must serve HTTPS; verification is still yours).' },
    cwe: ['CWE-319', 'CWE-494'],
    references: [
      'https://docs.docker.com/build/building/best-practices/#add-or-copy',
      'https://docs.docker.com/reference/dockerfile/#add---checksum',
    ],
    examples: {
      bad: [
        'FROM alpine:3.20\nRUN curl -sSLo /tmp/t.tgz http://example.com/t.tgz \\\n && tar -xzf /tmp/t.tgz -C /opt\n' +
          'USER 10001\n',
        'FROM debian:12\nRUN curl -fsSL http://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n' +
          'USER 10001\n',
      ],
      good: [
        'FROM alpine:3.20\nRUN curl -sSLo /tmp/t.tgz https://example.com/t.tgz \\\n && echo "24454f830cdb571e2c4ad15481' +
          '119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/t.tgz" | sha256sum -c - \\\n && tar -xzf /tmp/t.tgz -C /opt\n' +
          'USER 10001\n',
      ],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const inst of m.instructions) {
      if (inst.keyword !== 'RUN') continue;
      const cmds = shellOf(m, inst);
      const verifies = cmds.some(isVerification);
      // the command each one pipes into, found in one pass
      const feeds = new Map<Command, Command>();
      for (const c of cmds) if (c.pipedFrom) feeds.set(c.pipedFrom, c);
      for (const c of cmds) {
        const p = program(c);
        if (!p) continue;
        const name = baseName(p.word.text);
        const args = c.words.slice(p.index + 1);
        if (DOWNLOADER.test(name)) {
          const url = args.find(isPlainHttp);
          if (!url) continue;
          const into = feeds.get(c);
          const consumer = into && program(into);
          const consumerName = consumer ? baseName(consumer.word.text) : '';
          if (INTERPRETER.test(consumerName)) continue;
          const key = into && importsKey(into);
          if (key) report(url, keyMessage(urlOf(url)));
          else if (!verifies)
            report(
              url,
              `RUN downloads ${urlOf(url)} over plain HTTP and verifies neither a checksum nor a signature: anyone on ` +
                `the network path can replace it. Use https:// and check its sha256 in the same RUN.`,
            );
          continue;
        }
        if (importsKey(c)) {
          const url = args.find(isPlainHttp);
          if (url) report(url, keyMessage(urlOf(url)));
        }
        const recv = args.findIndex((w) => /^--(recv|recv-keys?|receive-keys)$/.test(w.text));
        if (recv >= 0 && (name === 'gpg' || name === 'gpg2' || name === 'apt-key')) {
          for (const w of args.slice(recv + 1)) {
            if (w.text.startsWith('-')) break;
            if (w.known && SHORT_KEY_ID.test(w.text))
              ctx.report({
                start: w.start,
                end: w.end,
                message:
                  `RUN receives the key ${w.text} by a short key id: anyone can generate a key with the same id. Use ` +
                  `the full 40-digit fingerprint.`,
              });
          }
        }
      }
    }

    function report(url: Word, message: string) {
      // a URL from an ENV/ARG is reported where it is used and fixed where it is declared
      const written = url.approximate ? -1 : httpOffset(url);
      const at = written < 0 && url.origin ? httpOffset(url.origin) : written;
      ctx.report({
        start: url.start,
        end: url.end,
        message,
        related: url.origin && [
          {
            file: ctx.file,
            range: m.index.range(url.origin.start, url.origin.end),
            message: 'its value is declared here',
          },
        ],
        fixes:
          at < 0
            ? undefined
            : () => [
                {
                  title: 'Download over https://',
                  applicability: 'unsafe',
                  edits: [{ start: at, end: at, newText: 's' }],
                },
              ],
      });
    }

    /** The offset just after `http` in the text as written (quotes or a name may come first), or -1. */
    function httpOffset(w: { start: number; end: number }): number {
      const written = m.text.slice(w.start, w.end);
      const i = written.search(/http:\/\//i);
      return i < 0 ? -1 : w.start + i + 4;
    }
  },
};

/** The word's URL: the value of the ENV/ARG it expands when that is known, else as written. */
function urlOf(w: Word): string {
  return w.known ? w.value : w.text;
}

function keyMessage(url: string): string {
  return (
    `RUN imports a signing key downloaded over plain HTTP (${url}): anyone on the network path can give you ` +
    `theirs, and every package signed with it is then trusted. Fetch it over https:// and check its fingerprint.`
  );
}

/** The word's URL when it is a plain-HTTP one: as written, or the literal value of an ENV/ARG it expands. */
function isPlainHttp(w: Word): boolean {
  const url = urlOf(w);
  return /^http:\/\/[^\s/]/i.test(url) && !LOOPBACK.test(url);
}

/** `apt-key add`, `apt-key adv --fetch-keys`, `gpg --import` / `--dearmor`, `rpm --import`. */
function importsKey(c: Command): boolean {
  const p = program(c);
  if (!p) return false;
  const name = baseName(p.word.text);
  const args = c.words.slice(p.index + 1).map((w) => w.text);
  if (name === 'apt-key') return args[0] === 'add' || (args[0] === 'adv' && args.includes('--fetch-keys'));
  if (name === 'gpg' || name === 'gpg2') return args.includes('--import') || args.includes('--dearmor');
  if (name === 'rpm' || name === 'rpmkeys') return args.includes('--import');
  return false;
}

function isVerification(c: Command): boolean {
  const p = program(c);
  if (!p) return false;
  const name = baseName(p.word.text);
  const args = c.words.slice(p.index + 1).map((w) => w.text);
  if (CHECKSUM.test(name)) return true;
  if (name === 'gpg' || name === 'gpg2') return args.includes('--verify');
  if (name === 'cosign' || name === 'minisign' || name === 'signify') return args.some((a) => /^(verify|-V)/.test(a));
  if (name === 'openssl') return args[0] === 'dgst';
  if (name === 'rpm') return args.includes('-K') || args.includes('--checksig');
  return false;
}
