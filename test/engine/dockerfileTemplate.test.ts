// Dockerfile templates (`Dockerfile.j2`, `Containerfile.tmpl`): judged by their literal text, each template tag
// masked (an expression reads as a variable we cannot know), positions kept, messages naming the tags as written.
import * as assert from 'node:assert/strict';
import { isTemplateName, maskTemplate } from '../../server/src/engine/sources/dockerfile/template';
import { lint } from '../../server/src/engine/lint';

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

describe('Dockerfile templates', () => {
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
});
