import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/config/config';
import { suppressionFixes } from '../../server/src/engine/config/suppress';
import { applyEdits, LineIndex } from '../../server/src/engine/text';

const svc = 'services:\n  a:\n    image: x:1\n';
const only = ['compose/privileged', 'compose/cap-add', 'dockerfile/sudo', 'dockerfile/expose-ssh'];
const ids = (t: string, file = '/p/compose.yaml', o = {}) =>
  lint(file, t, { onlyRules: only, ...o }).findings.map((f) => f.ruleId);
const all = (t: string, file = '/p/compose.yaml', o = {}) => lint(file, t, o).findings.map((f) => f.ruleId);

describe('suppression comments', () => {
  it('on the line, or the line above (several ids)', () => {
    assert.deepEqual(
      ids(`${svc}    privileged: true # docker-security-lint ignore=compose/privileged -- lab box\n`),
      [],
    );
    assert.deepEqual(
      ids(
        `${svc}    # docker-security-lint ignore=compose/cap-add,compose/privileged -- lab box\n    privileged: true\n`,
      ),
      [],
    );
    assert.deepEqual(
      ids(`${svc}    # docker-security-lint ignore=compose/cap-add -- other rule\n    privileged: true\n`),
      ['compose/privileged'],
    );
    assert.deepEqual(ids(`${svc}    # docker-security-lint ignore=all -- everything\n    privileged: true\n`), []);
  });
  it('ignore-file only in the leading comment block', () => {
    assert.deepEqual(
      ids(
        `# header\n# docker-security-lint ignore-file=compose/privileged -- demo stack\n${svc}    privileged: true\n`,
      ),
      [],
    );
    assert.deepEqual(
      ids(`${svc}    # docker-security-lint ignore-file=compose/privileged -- too late\n    privileged: true\n`),
      ['compose/privileged'],
    );
  });
  it('--no-inline-ignores turns them off', () => {
    assert.deepEqual(
      ids(`${svc}    privileged: true # docker-security-lint ignore=compose/privileged -- x\n`, undefined, {
        inlineIgnores: false,
      }),
      ['compose/privileged'],
    );
  });
  it('unused ignores and missing reasons are reported', () => {
    const t = `${svc}    # docker-security-lint ignore=compose/privileged\n    read_only: true\n`;
    assert.ok(all(t).includes('meta/unused-ignore'));
    assert.ok(!all(t).includes('meta/ignore-without-reason'));
    assert.ok(all(t, undefined, { requireIgnoreReason: true }).includes('meta/ignore-without-reason'));
    assert.ok(
      !all(`${svc}    # docker-security-lint ignore=compose/privileged -- r\n    privileged: true\n`, undefined, {
        requireIgnoreReason: true,
      }).includes('meta/ignore-without-reason'),
    );
  });
  it('the placeholder reason the quick fix writes counts as none, and is flagged even without the flag', () => {
    const t = `${svc}    # docker-security-lint ignore=compose/privileged -- <why this is acceptable>\n    privileged: true\n`;
    assert.ok(all(t).includes('meta/ignore-without-reason'), 'flagged in the editor and the CLI by default');
    assert.ok(!all(t).includes('compose/privileged'), 'it still suppresses');
    const written = t.replace('<why this is acceptable>', 'needs /dev/kvm');
    assert.ok(!all(written, undefined, { requireIgnoreReason: true }).includes('meta/ignore-without-reason'));
  });
  it('recommended: an item a comment silences one by one is left out of its group finding, and the comment is used', () => {
    const t =
      'services:\n  # docker-security-lint ignore=compose/pids-limit,compose/read-only-rootfs -- batch job\n  a:\n' +
      '    image: x:1\n';
    const r = lint('/p/compose.yaml', t);
    const limits = r.findings.find((f) => f.ruleId === 'compose/resource-limits');
    assert.match(limits?.message ?? '', /has no memory or CPU limit/);
    const hint = r.findings.find((f) => f.ruleId === 'compose/hardening');
    assert.match(hint?.message ?? '', /add no-new-privileges:true, cap_drop: \[ALL\]\.$/);
    assert.ok(!r.findings.some((f) => f.ruleId === 'meta/unused-ignore'), 'the comment is in use');
  });
  it('text inside a YAML block scalar is not a comment', () => {
    const t = `${svc}    command: |\n      echo "# docker-security-lint ignore=compose/privileged -- no"\n    privileged: true\n`;
    assert.deepEqual(ids(t), ['compose/privileged']);
  });
  it('Dockerfiles: comment lines cover the whole next instruction, not inside heredocs', () => {
    assert.deepEqual(
      ids(
        'FROM a:1\n# docker-security-lint ignore=dockerfile/sudo -- legacy\nRUN apk add x && \\\n  sudo id\n',
        '/p/Dockerfile',
      ),
      [],
    );
    assert.deepEqual(
      ids('FROM a:1\nRUN <<EOF\n# docker-security-lint ignore=dockerfile/sudo -- no\nsudo id\nEOF\n', '/p/Dockerfile'),
      ['dockerfile/sudo'],
    );
    assert.deepEqual(
      ids(
        '# syntax=docker/dockerfile:1\n# docker-security-lint ignore-file=dockerfile/expose-ssh -- bastion ' +
          'image\nFROM a:1\nEXPOSE 22\n',
        '/p/Dockerfile',
      ),
      [],
    );
  });
});

describe('suppression edits', () => {
  it('"ignore in this file" lands in a leading comment block that has blank lines, and silences the rule', () => {
    const cases: [string, string][] = [
      ['/p/Dockerfile', '# syntax=docker/dockerfile:1\n\n# base image\nFROM a:1\nEXPOSE 22\n'],
      ['/p/compose.yaml', '# stack\n\n# more\n---\nservices:\n  a:\n    image: x:1\n    privileged: true\n'],
    ];
    for (const [file, text] of cases) {
      const f = lint(file, text, { onlyRules: only }).findings[0];
      const kind = file.endsWith('Dockerfile') ? 'dockerfile' : 'compose';
      const fix = suppressionFixes(kind, new LineIndex(text), f).find((x) => x.title.endsWith('in this file'))!;
      const out = applyEdits(text, fix.edits);
      assert.deepEqual(
        lint(file, out)
          .findings.map((x) => x.ruleId)
          .filter((id) => id === f.ruleId || id === 'meta/unused-ignore'),
        [],
        out,
      );
      assert.ok(out.startsWith(text.split('\n')[0]), 'a parser directive stays on the first line');
    }
  });
});

describe("other linters' ignore comments: hadolint and dclint, mapped to our rules", () => {
  const ids = (file: string, text: string, profile: 'recommended' | 'strict' = 'recommended', require = false) =>
    lint(file, text, {
      config: { ...defaultConfig(), profile },
      ...(require ? { requireIgnoreReason: true } : {}),
    }).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`);

  it('hadolint ignore= covers the instruction below; ids of checks we do not have are left to hadolint', () => {
    assert.deepEqual(ids('/p/Dockerfile', 'FROM alpine:3.20\n# hadolint ignore=DL3059, DL3002\nUSER root\n'), []);
    // the same file without the comment: the finding it suppressed
    assert.deepEqual(ids('/p/Dockerfile', 'FROM alpine:3.20\nUSER root\n'), ['dockerfile/user-root@2']);
    // a comment that maps to none of our rules is not a directive: never "unused"
    assert.deepEqual(ids('/p/Dockerfile', 'FROM alpine:3.20\n# hadolint ignore=DL3059\nUSER 1000\n'), []);
  });

  it('hadolint global ignore= covers the file, wherever it is written', () => {
    assert.deepEqual(ids('/p/Dockerfile', 'FROM alpine\nUSER 1000\n# hadolint global ignore=DL3006,DL3007\n'), []);
    assert.deepEqual(ids('/p/Dockerfile', 'FROM alpine\nUSER 1000\n'), ['dockerfile/image-tag@1']);
  });

  it('unused: reported for a rule of ours that runs; not for one the profile leaves off', () => {
    assert.deepEqual(ids('/p/Dockerfile', 'FROM alpine:3.20\n# hadolint ignore=DL3004\nUSER 1000\n'), [
      'meta/unused-ignore@2',
    ]);
    // dockerfile/package-version runs in strict only: in recommended the comment is hadolint's business
    const pinned = 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl=8.9.1-r0\nUSER 1000\n';
    assert.deepEqual(ids('/p/Dockerfile', pinned), []);
    assert.ok(ids('/p/Dockerfile', pinned, 'strict').includes('meta/unused-ignore@2'));
  });

  it('dclint disable-line (same line or the one above) and disable-file cover only the checks dclint has', () => {
    const line = 'services:\n  a:\n    image: nginx  # dclint disable-line service-image-require-explicit-tag\n';
    assert.ok(!ids('/p/compose.yaml', line).includes('compose/image-tag@3'));
    const above = 'services:\n  a:\n    image: nginx:1.27\n    # dclint disable-line\n    ports: ["80:80"]\n';
    assert.ok(!ids('/p/compose.yaml', above).some((x) => x.startsWith('compose/port-all-interfaces')));
    const file =
      '# dclint disable-file\nservices:\n  a:\n    image: nginx\n    ports: ["80:80"]\n    privileged: true\n';
    const found = ids('/p/compose.yaml', file);
    assert.ok(!found.some((x) => x.startsWith('compose/image-tag') || x.startsWith('compose/port-all-interfaces')));
    assert.ok(found.includes('compose/privileged@6'), 'a dclint comment never silences a rule dclint does not have');
  });

  it('with --require-ignore-reason, a peer comment that suppresses a rule of ours is reported', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n';
    assert.deepEqual(ids('/p/Dockerfile', text, 'recommended', true), ['meta/ignore-without-reason@2']);
  });
});
