// Hostile repositories, part 2: every pattern applied to file content or to user-supplied globs runs in linear
// time. Each is fed the input that made its old regular expression (or scan) super-linear, at 1-2 MB, with a
// generous bound (a regression is minutes, not a few hundred milliseconds of CI noise). Where a pattern was
// rewritten by hand, a table checks that it still means what the old expression meant.
import * as assert from 'node:assert/strict';
import { compileGlob } from '../../server/src/engine/glob';
import { lint } from '../../server/src/engine/lint';
import { maskTemplate } from '../../server/src/engine/sources/template';
import { detectKind } from '../../server/src/engine/kind';
import { parseDirective } from '../../server/src/engine/config/suppress';
import { resolveArgs } from '../../server/src/engine/sources/dockerfile/model';
import { mapped, parseShell } from '../../server/src/engine/sources/dockerfile/shell';
import { interpolate } from '../../server/src/engine/sources/compose/effective';
import { splitOption } from '../../server/src/engine/sources/compose/views';
import { shellRunsDownload } from '../../server/src/engine/rules/dockerfile/curl-pipe-shell';
import { isRemote } from '../../server/src/engine/vocabulary/sources';
import { defaultConfig } from '../../server/src/engine/config/config';
import { parseDocument } from 'yaml';
import { timed } from './harness';

const MB = 1024 * 1024;
const rep = (s: string, n = 1.5 * MB) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const FAST = 2000; // ms, for one pattern on 1-2 MB
const WHOLE = 15_000; // ms, for a whole-file lint of 2 MB

function fast<T>(what: string, fn: () => T, bound = FAST): T {
  const { value, ms } = timed(fn);
  assert.ok(ms < bound, `${what}: ${ms.toFixed(0)} ms`);
  return value;
}

/** The old exclude-glob compiler (a backtracking RegExp), kept here as the reference for the matcher's meaning. */
function oldGlob(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

describe('hostile repositories: linear patterns', function () {
  this.timeout(120_000);

  it('exclude globs: linear whatever the pattern, and the same meaning as before', () => {
    const evil = compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b');
    assert.equal(
      fast('glob on 40 a', () => evil.test(`Dockerfile.${'a'.repeat(40)}`)),
      false,
    );
    assert.equal(
      fast('glob on 100 KB', () => compileGlob('**/*a*a*a*a*a*a*a*a*b/**').test(`x/${'a'.repeat(100_000)}`)),
      false,
    );
    const globs = [
      'legacy/**',
      '**/compose.yaml',
      '*.yaml',
      'a/*/c',
      '**/test/**',
      'a?c',
      '**',
      'x/**/y',
      'docker-compose.*.yml',
      '*',
      'a/**/b/**/c',
      'sub',
      '**/*.Dockerfile',
      'a*b*c',
    ];
    const paths = [
      'legacy/compose.yaml',
      'compose.yaml',
      'svc/compose.yaml',
      'a/b/c',
      'a/b/b/c',
      'test/x',
      'x/test/y/z',
      'abc',
      'ac',
      'x/y',
      'x/a/b/y',
      'docker-compose.prod.yml',
      'sub/Dockerfile',
      'subway',
      'a/b/c/d',
      'aXbYc',
      'ab',
      'a/x/b/y/c',
      'one.Dockerfile',
      'deep/one.Dockerfile',
      '',
    ];
    for (const g of globs)
      for (const p of paths) assert.equal(compileGlob(g).test(p), oldGlob(g).test(p), `${g} vs ${p}`);
  });

  it('suppression comments: a long run of spaces or dashes, and the same parse as before', () => {
    const long = `# docker-security-lint ignore=a${' '.repeat(2 * MB)}!`;
    assert.equal(
      fast('suppression spaces', () => parseDirective(long)),
      undefined,
    );
    fast('suppression dashes', () => parseDirective(`# docker-security-lint ignore=${rep('a-')}`));
    const text = 'services:\n  a:\n    image: app:1 # docker-security-lint ignore=a' + ' '.repeat(MB) + '!\n';
    fast('lint with a long comment', () => lint('/p/compose.yaml', text), WHOLE);
    const cases: [string, ReturnType<typeof parseDirective>][] = [
      [
        '# docker-security-lint ignore=compose/privileged -- needs USB',
        { kind: 'line', ids: ['compose/privileged'], reason: 'needs USB' },
      ],
      ['#docker-security-lint   ignore = a, b/c-d ,', { kind: 'line', ids: ['a', 'b/c-d'], reason: undefined }],
      [
        '# docker-security-lint ignore-file=compose/cap-add--reason here  ',
        { kind: 'file', ids: ['compose/cap-add'], reason: 'reason here' },
      ],
      ['# docker-security-lint ignore=a --', { kind: 'line', ids: ['a'], reason: undefined }],
      ['# docker-security-lint ignore=a!', undefined],
      ['# docker-security-lintignore=a', undefined],
      ['# other # docker-security-lint ignore=x -- y', { kind: 'line', ids: ['x'], reason: 'y' }],
      ['# docker-security-lint ignore-filex=a', undefined],
    ];
    for (const [c, want] of cases) assert.deepEqual(parseDirective(c), want, c);
  });

  it('the kind of a file: directive-like comment lines and tab runs', () => {
    assert.equal(
      fast('directive lines', () => detectKind('/p/x', `${rep('#\r\n#CHECK=')}A\n#\nCHECK=\nARG\n`, true)),
      undefined,
    );
    assert.equal(
      fast('blank lines', () => detectKind('/p/x', `:${rep('\n\t')}:`, true)),
      undefined,
    );
    const kinds: [string, string | undefined][] = [
      ['# syntax=docker/dockerfile:1\n# escape=`\n\nFROM a\n', 'dockerfile'],
      ['\n\n  # c\nARG X\nFROM a\n', 'dockerfile'],
      ['FROM\n', 'dockerfile'],
      ['services:\n  a: {}\n', 'compose'],
      ['"services":\n', 'compose'],
      ['  services:\n', undefined],
      ['RUN x\n', undefined],
      ['# c\n', undefined],
    ];
    for (const [t, k] of kinds) assert.equal(detectKind('/p/unnamed', t, true), k, t);
  });

  it('shell scans: curl|sh through substitutions, sh -c words, ARG defaults, security_opt items, remote sources', () => {
    assert.deepEqual(
      fast('sh words', () => shellRunsDownload(rep('<sh\u0000'))),
      [],
    );
    const many = fast('many matches', () => shellRunsDownload(rep('sh <(curl x); ')));
    assert.ok(many.length > 100_000);
    assert.deepEqual(shellRunsDownload('bash -c "$(curl -fsSL https://x)"'), [{ start: 0, end: 15, tool: 'curl' }]);
    assert.deepEqual(shellRunsDownload('sh x; $(curl y)'), [], 'a separator ends the command');
    fast('sh -c with a long c word', () => parseShell(mapped(`sh -${'c'.repeat(MB)}\u0000`, 0)));
    fast('many sh -c', () => parseShell(mapped(rep('sh -c "echo" && '), 0)));
    assert.equal(
      fast('ARG defaults', () => resolveArgs(rep('${A+'), new Map([['A', '1']]))),
      rep('${A+'),
    );
    assert.equal(
      resolveArgs(
        'x${A:-d}y$B${C+z}$',
        new Map([
          ['B', 'b'],
          ['C', 'c'],
        ]),
      ),
      'xdybz$',
    );
    assert.equal(resolveArgs('${A}', new Map()), undefined);
    assert.equal(
      fast('compose interpolation', () => interpolate(rep('${A:-'))),
      undefined,
    );
    const nested = '${A:-'.repeat(200_000) + 'x' + '}'.repeat(200_000);
    assert.equal(
      fast('terminated nested defaults', () => interpolate(nested)),
      undefined,
      'nesting past the bound is unknown',
    );
    assert.equal(interpolate('${A:-${B:-x}}'), 'x');
    assert.equal(interpolate('${A}/docker.sock', 0, '?'), '?/docker.sock');
    assert.equal(
      fast('security_opt split', () => splitOption(`\u0000:${'\t'.repeat(MB)}\t\u0000${'\t'.repeat(MB)}\n:`))?.name,
      '\u0000',
    );
    assert.deepEqual(splitOption(' seccomp = unconfined '), { name: 'seccomp', value: 'unconfined' });
    assert.deepEqual(splitOption('no-new-privileges'), { name: 'no-new-privileges', value: undefined });
    assert.equal(splitOption('a b'), undefined);
    assert.equal(
      fast('remote source', () => isRemote(rep('.GIT#'))),
      false,
    );
    assert.equal(isRemote('https://example.com/r.git#main'), true);
  });

  it('whole files of 2 MB of pathological content lint in seconds, without an internal error', () => {
    const N = 1 * MB;
    const r = (s: string) => rep(s, N);
    const shapes: [string, string][] = [
      ['Dockerfile', r('#')],
      ['Dockerfile', r('#\n')],
      ['Dockerfile', r('# escape=\\\n')],
      ['Dockerfile', `FROM a\nRUN ${r('a \\\n')}`],
      ['Dockerfile', `FROM a\nRUN ${r('$(')}`],
      ['Dockerfile', `FROM a\nRUN ${r('\'"')}`],
      ['Dockerfile', `FROM a\nRUN ${r('<<EOF ')}`],
      ['Dockerfile', `FROM a\n${r('RUN sh -c "curl x | sh"\n')}`],
      ['Dockerfile', `FROM a\nENV ${r('A=b ')}`],
      ['Dockerfile', `FROM a\nRUN ${r('--mount=x ')} true`],
      ['Dockerfile', r('FROM a AS b\n')],
      ['Dockerfile', r('# docker-security-lint ignore=dockerfile/sudo\nRUN sudo x\n')],
      [
        'Dockerfile',
        `FROM a\n${r('# docker-security-lint ignore=dockerfile/sudo\n').slice(0, N / 2)}RUN a \\\n${'sudo x \\\n'.repeat(60_000)}b\n`,
      ],
      ['Dockerfile', `FROM a\nRUN ${r('sh <(curl x); ')}`],
      ['Dockerfile', `FROM a\nRUN yum ${r('I')}sslverify=0`],
      ['Dockerfile', `FROM a\nRUN curl -${r('k')}\u0000`],
      ['Dockerfile', `FROM a\nRUN apt-get -o ${r('1ALLOWINSECURE')}1VERIFY-PEER=0 install x`],
      ['Dockerfile', `FROM a\nADD ${r('.GIT#')} /x`],
      ['Dockerfile', `FROM a\nARG A=${r('${A+')}`],
      ['compose.yaml', `services:\n  a:\n    image: "${r('curity-lint # ')}"\n# docker-security-lint`],
      // command lines: scripts, Makefiles, workflows, Markdown
      ['run.sh', r('docker run --privileged x\n')],
      ['run.sh', `docker run ${r('$(')}`],
      ['run.sh', `docker run ${r('`')}`],
      ['run.sh', `docker run ${r('((((')}`],
      ['run.sh', `docker run ${r('${')}`],
      ['run.sh', `docker run ${r('"\'$((')}`],
      ['run.sh', r('cat <<A\n')],
      ['run.sh', `X=${r('$X')}\ndocker run $X x`],
      ['run.sh', `O="${r('-v /:/h ')}"\ndocker run $O x`],
      ['run.sh', r('docker run -v /:/x \\\n')],
      ['run.sh', r('# docker-security-lint ignore=run/privileged\ndocker run --privileged x \\\n')],
      ['Makefile', `a:\n${r('\tdocker run $$($(')}`],
      ['Makefile', r('a: ; docker run --privileged x\n')],
      ['README.md', r('```sh\ndocker run --privileged x\n')],
      ['README.md', r('```console\n$ docker run \\\n')],
      [
        '.github/workflows/ci.yml',
        `jobs:\n  a:\n    steps:\n      - run: |\n${r('          docker run --privileged x\n')}`,
      ],
      ['.github/workflows/ci.yml', `jobs:\n  a:\n    container:\n      options: ${r('--privileged ')}`],
      [
        'compose.yaml',
        `services:\n${Array.from({ length: 25_000 }, (_, i) => `  s${i}: {privileged: true} # docker-security-lint ignore=compose/privileged`).join('\n')}\n`,
      ],
      ['compose.yaml', `services:\n  a:\n    security_opt:\n      - "\\0:${r('\\t')}\\0"`],
      ['compose.yaml', `services:\n  a:\n    privileged: "${r('${A:-')}"`],
      ['compose.yaml', `services:\n  a:\n    x: ${r('[')}`],
      [
        'compose.yaml',
        `x: &a {privileged: true}\nservices:\n${Array.from({ length: 50_000 }, (_, i) => `  s${i}: {<<: *a}`).join('\n')}\n`,
      ],
    ];
    for (const [name, text] of shapes) {
      const what = `${name} ${JSON.stringify(text.slice(0, 40))}`;
      const { value: res, ms } = timed(() =>
        lint(`/p/${name}`, text, { config: { ...defaultConfig(), maxFileSize: 4 * MB } }),
      );
      // a YAML file's bound is on top of the yaml parser's own time for it, measured when the bound alone is passed:
      // 1 MB of `[` takes the parser about 4.5 s on an idle CI machine and three times that on a loaded one, and
      // what is tested here is our part
      const floor =
        ms >= WHOLE && /\.ya?ml$/.test(name) ? timed(() => parseDocument(text, { uniqueKeys: false })).ms : 0;
      assert.ok(ms < WHOLE + floor, `${what}: ${ms.toFixed(0)} ms (the bare parse: ${floor.toFixed(0)} ms)`);
      assert.ok(
        !res.problems.some((p) => /Internal error/.test(p.message)),
        `${name}: ${res.problems.map((p) => p.message).join('; ')}`,
      );
    }
  });

  it('templates: a megabyte of unclosed tags, or of tags on one line, is masked in one pass', () => {
    // each unclosed `{{` searched to the end of the file for its `}}`, and each tag read its whole line: quadratic
    const shapes: [string, string][] = [
      ['/p/Dockerfile.j2', 'RUN {{a\n'.repeat(150_000)],
      ['/p/Dockerfile.tmpl', `RUN ${'{{x}} '.repeat(200_000)}\n`],
      ['/p/docker-compose.yml.j2', `services:\n${'{% x\n{# y\n'.repeat(100_000)}`],
    ];
    for (const [file, text] of shapes) fast(`${file}, ${text.length} characters`, () => maskTemplate(file, text));
  });

  it('100,000 services in 2 MB lint in seconds', () => {
    // each with an image: a service with none is a fragment, whose hardening is judged where it is merged
    const text = `services:\n${Array.from({ length: 100_000 }, (_, i) => ` s${i}: {image: a}`).join('\n')}\n`;
    const res = fast('100,000 services', () => lint('/p/compose.yaml', text), 30_000);
    assert.ok(res.findings.length >= 100_000);
  });
});
