// Hostile repositories, part 6: any bytes. Whatever a repository holds, up to 64 KB, lints as a Dockerfile or a
// Compose file, and parses as a config file, in bounded time and without throwing. Bytes are decoded as the
// tools decode files (invalid UTF-8 becomes U+FFFD, a BOM is taken off); both raw bytes and token soups (which
// reach deeper into the parsers) are tried.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint } from '../../server/src/engine/lint';
import { fixAll } from '../../server/src/engine/fixes/fixAll';
import { parseConfig } from '../../server/src/engine/config/config';
import { knownRuleOptions } from '../../server/src/engine/rules/index';
import { decode } from '../../server/src/node/read';
import { timed } from './harness';

const SEED = Number(process.env.FC_SEED ?? 20261129);
const BOUND_MS = 5000;
const TOKENS = [
  '\n',
  '\r\n',
  ' ',
  '\t',
  '#',
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '<<: *a\n',
  '"',
  "'",
  '\\\n',
  '${A:-',
  '${A+',
  '}',
  '$(',
  ')',
  '<(',
  '|',
  '&&',
  ';',
  'FROM ',
  'ARG ',
  'RUN ',
  'USER ',
  'ENV ',
  'EXPOSE 22 ',
  'COPY --from=x ',
  '<<EOF\n',
  'EOF\n',
  'sh -c ',
  'curl ',
  'wget ',
  ' | sh',
  'services:\n',
  '  a:\n',
  '    privileged: true\n',
  '    extends: a\n',
  '    volumes: [/var/run/docker.sock:/x]\n',
  'x-y: &a\n',
  '!reset ',
  '!override ',
  '# docker-security-lint ignore=all -- r\n',
  '# docker-security-lint ignore-file=',
  '# escape=`\n',
  '# syntax=x\n',
  'rules:\n',
  'exclude: [',
  'fixes:\n',
  '\u0000',
  '\ufffd',
  '\u00e9',
  '\ud83d\ude00',
  '\ufeff',
  '--mount=type=secret ',
  'sudo ',
  'chmod 777 ',
];
const bytes = fc.uint8Array({ maxLength: 64 * 1024, size: 'max' }); // 'max': lengths up to the limit, not fast-check's small default
const soup = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 6000, size: 'max' })
  .map((t) => Buffer.from(t.join(''), 'utf8'));
const input = fc.oneof(
  bytes,
  soup,
  soup.map((b) => Buffer.concat([b, Buffer.from([0xff, 0xc3]), b.subarray(0, b.length >> 1)])),
);

function within(what: string, fn: () => void): void {
  const { ms } = timed(fn);
  assert.ok(ms < BOUND_MS, `${what}: ${ms.toFixed(0)} ms`);
}

describe('hostile repositories: any bytes (fast-check)', function () {
  this.timeout(300_000);

  // command lines: the bytes follow `docker run ` (a file that names no engine is not parsed at all)
  for (const [kind, file, prefix] of [
    ['dockerfile', '/p/Dockerfile', ''],
    ['compose', '/p/compose.yaml', ''],
    ['run', '/p/run.sh', 'docker run '],
    ['run', '/p/.github/workflows/ci.yml', 'jobs:\n  a:\n    steps:\n      - run: docker run '],
  ] as const) {
    it(`any bytes up to 64 KB lint as a ${kind} (${file}), fix-all included, in bounded time without throwing`, () => {
      fc.assert(
        fc.property(input, (b) => {
          const text = prefix + decode(b).text;
          within(kind, () => {
            const r = lint(file, text, { kind });
            assert.ok(
              !r.problems.some((p) => /Internal error/.test(p.message)),
              r.problems.map((p) => p.message).join('; '),
            );
            fixAll(file, text, { kind }, r);
          });
        }),
        { seed: SEED, numRuns: 120 },
      );
    });
  }

  it('any bytes up to 64 KB parse as a config file in bounded time without throwing', () => {
    const known = knownRuleOptions();
    fc.assert(
      fc.property(input, (b) => {
        within('config', () => {
          parseConfig('/p/.docker-security-lint.yaml', decode(b).text, known);
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
