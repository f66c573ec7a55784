// Templates of Dockerfiles and Compose files (`Dockerfile.j2`, `Containerfile.tmpl`, an Ansible role's
// `docker-compose.yml.j2`): judged by their literal text, each template tag masked (an expression reads as a
// variable we cannot know), positions kept, messages naming the tags as written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isTemplateName, maskTemplate } from '../../server/src/engine/sources/template';
import { isComposeName } from '../../server/src/engine/sources/compose/index';
import { isComposeFileName } from '../../server/src/engine/sources/compose/project';
import { lint } from '../../server/src/engine/lint';
import { walk } from '../../server/src/node/files';
import { outsideNameGlobs } from '../../server/src/engine/walk';

const J2 =
  '{# the runtime image #}\n' +
  'FROM --platform=$BUILDPLATFORM {{ build_image }} AS build\n' +
  '{% if base == "debian" %}\n' +
  'RUN apt-get update && apt-get install -y curl\n' +
  '{% endif %}\n' +
  'FROM {{ runtime_stage_image[base] }}\n' +
  'COPY --from=build /app /app\n' +
  'USER root\n';

/** The mask of the n-th expression `tag`: a variable as long as the tag. */
const v = (n: number, tag: string) => `\${T${n}${'_'.repeat(tag.length - String(n).length - 4)}}`;

describe('templates of Dockerfiles and Compose files', () => {
  it('template names', () => {
    for (const n of ['Dockerfile.j2', 'Containerfile.tmpl', 'Dockerfile.debian.jinja2', 'api.Dockerfile.tpl'])
      assert.equal(isTemplateName(n), true, n);
    for (const n of ['Dockerfile', 'Dockerfile.prod', 'Dockerfile.j2.bak']) assert.equal(isTemplateName(n), false, n);
  });

  it('masks each tag in place: expressions as variables, statements and comments as blanks', () => {
    const m = maskTemplate('/r/Dockerfile.j2', J2);
    assert.equal(m.text.length, J2.length);
    const lines = m.text.split('\n');
    assert.equal(lines[0].trim(), '');
    assert.equal(lines[1], `FROM --platform=$BUILDPLATFORM ${v(0, '{{ build_image }}')} AS build`);
    assert.equal(lines[2].trim(), '');
    const runtime = '{{ runtime_stage_image[base] }}';
    assert.equal(lines[5], `FROM ${v(1, runtime)}`);
    assert.equal(lines[7], 'USER root');
    assert.equal(m.restore(`FROM ${v(1, runtime)} sets`), `FROM ${runtime} sets`);
  });

  it('short, triple-braced, multi-line and unclosed tags', () => {
    const m = maskTemplate(
      '/r/Dockerfile.tmpl',
      'FROM {{x}}\nFROM {{{ y }}}\nRUN {{ a\n b }} c\nRUN {{ open\nFROM z\n',
    );
    // an unclosed expression is masked to the end of its line, as an expression
    assert.equal(m.text, `FROM \${T0}\nFROM ${v(1, '{{{ y }}}')}\nRUN     \n      c\nRUN ${v(2, '{{ open')}\nFROM z\n`);
    assert.equal(m.restore(v(1, '{{{ y }}}')), '{{{ y }}}');
  });

  it("Go templates leave `{%` and `{#` alone: `${#x}` is the shell's", () => {
    const t = 'FROM alpine:3.20\nRUN echo ${#X} {% raw %}\n';
    assert.equal(maskTemplate('/r/Dockerfile.tmpl', t).text, t);
    assert.notEqual(maskTemplate('/r/Dockerfile.j2', t).text, t);
  });

  it('a template is linted by its literal text: no finding on a tag, grants found, messages as written, no fixes', () => {
    const f = lint('/r/Dockerfile.j2', J2).findings;
    const ids = f.map((x) => `${x.ruleId}@${x.range.start.line + 1}`);
    assert.ok(!ids.some((i) => i.startsWith('dockerfile/image-tag')), ids.join());
    assert.ok(ids.includes('dockerfile/user-root@8'), ids.join());
    const root = f.find((x) => x.ruleId === 'dockerfile/user-root')!;
    assert.deepEqual(root.fixes, undefined);
    // the same text as a Dockerfile offers the fix
    const plain = lint('/r/Dockerfile', J2.replace(/\{\{[^}]*\}\}/g, 'alpine:3.20')).findings;
    assert.ok(plain.find((x) => x.ruleId === 'dockerfile/user-root')?.fixes?.length);
    const missing = lint('/r/Dockerfile.j2', J2.replace('USER root\n', '')).findings;
    assert.match(
      missing.find((x) => x.ruleId === 'dockerfile/missing-user')!.message,
      /FROM \{\{ runtime_stage_image\[base\] \}\}/,
    );
  });

  const COMPOSE_J2 =
    '# {{ ansible_managed }}\nservices:\n{% for svc in app_services %}\n  {{ svc.name }}:\n' +
    '    image: "{{ svc.image }}:{{ svc.tag }}"\n{% if svc.privileged %}\n    privileged: true\n{% endif %}\n' +
    '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n    ports:\n      - "{{ svc.port }}:8080"\n' +
    '    {{ svc.extra | to_nice_yaml | indent(4) }}\n{% endfor %}\n';

  it("Compose templates: named after what they render to; a Dockerfile's users are not looked for in them", () => {
    for (const n of ['docker-compose.yml.j2', 'compose.yaml.tmpl', 'docker-compose.prod.yml.jinja2'])
      assert.equal(isComposeName(n), true, n);
    for (const n of ['docker-compose.j2', 'values.yml.j2', 'docker-compose.yml.bak'])
      assert.equal(isComposeName(n), false, n);
    assert.equal(isComposeFileName('docker-compose.yml.j2'), false);
    // the editor's watcher globs cover Dockerfile.* but not these: the language server watches them by path
    assert.equal(outsideNameGlobs('/r/roles/app/templates/docker-compose.yml.j2'), true);
    assert.equal(outsideNameGlobs('/r/Dockerfile.j2'), false);
  });

  it("an Ansible role's Compose template: its grants found where written, names as written, no fix, no problem", () => {
    const r = lint('/r/roles/app/templates/docker-compose.yml.j2', COMPOSE_J2);
    assert.deepEqual(r.problems, []);
    const at = (id: string) => r.findings.find((x) => x.ruleId === id);
    assert.equal(at('compose/privileged')?.range.start.line, 6);
    assert.equal(at('compose/docker-socket')?.range.start.line, 9);
    assert.match(at('compose/privileged')!.message, /^Service '\{\{ svc\.name \}\}' runs privileged/);
    assert.match(at('compose/port-all-interfaces')!.message, /publishes port \{\{ svc\.port \}\} on all/);
    assert.ok(!at('compose/image-tag'), 'an image we cannot know');
    assert.ok(r.findings.every((f) => f.fixes === undefined));
  });

  it('the walk lints Compose templates', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-templates-'));
    try {
      fs.mkdirSync(path.join(dir, 'roles', 'app', 'templates'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'roles', 'app', 'templates', 'docker-compose.yml.j2'), COMPOSE_J2);
      fs.writeFileSync(path.join(dir, 'roles', 'app', 'templates', 'nginx.conf.j2'), 'server {}\n');
      const found = walk(dir, [], []).map((p) => path.relative(dir, p).split(path.sep).join('/'));
      assert.deepEqual(found, ['roles/app/templates/docker-compose.yml.j2']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
