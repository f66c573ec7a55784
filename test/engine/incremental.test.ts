// The editor's incremental Compose parse must give exactly the tree and problems of a whole-file parse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { parseYaml, type ParsedYaml } from '../../server/src/engine/sources/compose/yaml';
import { cutServices, parseIncremental } from '../../server/src/engine/sources/compose/incremental';
import { lint, ParseCache } from '../../server/src/engine/lint';
import { composeCases } from '../rules/compose.cases';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SEED = process.env.FC_SEED === 'random' ? undefined : Number(process.env.FC_SEED ?? 20261129);

/** A comparable picture of a node tree: kind, value, source, type, tag, anchor, flow and range of every node. */
function shape(n: unknown): unknown {
  if (n === null || n === undefined) return n;
  if (isPair(n)) return { pair: [shape(n.key), shape(n.value)] };
  const x = n as { range?: number[]; tag?: string; anchor?: string; flow?: boolean; type?: string };
  const common = { range: x.range, tag: x.tag, anchor: x.anchor, type: x.type };
  if (isAlias(n)) return { alias: n.source, ...common };
  if (isScalar(n)) return { scalar: n.value, source: n.source, ...common };
  if (isMap(n)) return { map: n.items.map(shape), flow: !!n.flow, ...common };
  if (isSeq(n)) return { seq: n.items.map(shape), flow: !!n.flow, ...common };
  return { other: typeof n === 'object' && n !== null ? Object.prototype.toString.call(n) : String(n as string) };
}

const problems = (p: ParsedYaml) =>
  p.problems
    .map(
      (x) =>
        `${x.severity} ${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.message}`,
    )
    .sort();

/** Parses `text` incrementally after `prev`, checks it against a whole-file parse, returns the incremental result. */
function check(text: string, prev?: ParsedYaml, label = ''): ParsedYaml {
  const full = parseYaml('/p/compose.yaml', text);
  const inc = parseYaml('/p/compose.yaml', text, prev, true);
  assert.deepEqual(shape(inc.doc.contents), shape(full.doc.contents), `tree differs ${label}:\n${text}`);
  assert.deepEqual(problems(inc), problems(full), `problems differ ${label}:\n${text}`);
  return inc;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

const BIG =
  'x-defaults: &defaults\n  logging:\n    driver: json-file\n\nservices:\n' +
  Array.from({ length: 30 }, (_, i) =>
    [
      `  svc${i}:`,
      i % 3 === 0 ? '    <<: *defaults' : '    # plain',
      `    image: "nginx:1.${i}"`,
      '    environment:',
      `      A: "${i}"`,
      '    command: |',
      '      echo hi',
      '      echo there',
      '',
      '    ports:',
      `      - "${8000 + i}:80"`,
      `    labels: {a: "${i}", b: [x, y]}`,
    ].join('\n'),
  ).join('\n') +
  '\n\n# trailing comment\nnetworks:\n  front: {}\nvolumes:\n  data:\n';

/** Comments between services, blank lines with spaces, empty values, anchors used across services, CRLF. */
const ODD =
  'services:\n  # --- web ---\n  web: &web\n    image: nginx\n    environment:\n    # nothing yet\n  \n  db:\n    <<: *web\n    labels:\n\n' +
  '  # --- cache ---\n  cache: {image: redis}\n  worker:\n    command: >-\n      run\n  \n    # trailing\n  ' +
  'empty:\n  last:\n    image: x # c\n# end\nvolumes: {}\n';

/** `text` with the first `from` replaced by `to` (an edit of one service). */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0, from);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('incremental Compose parse', () => {
  it('cuts a plain Compose file at each service and refuses what it cannot cut safely', () => {
    const cut = cutServices('x: 1\nservices:\n  a:\n    image: x\n  # c\n  b: {}\nnetworks: {}\n');
    assert.ok(cut);
    assert.equal(cut.chunks.length, 2);
    for (const bad of [
      'services:\n\ta:\n    image: x\n', // tab
      'services: {a: {}}\n', // flow block
      'services: &s\n  a: {}\n', // anchored block
      'services:\n  a: {}\n - b\n', // less indented line inside the block
      'services:\n  - a\n', // a sequence
      'services:\n  a: {}\n---\nservices:\n  b: {}\n', // several documents
      '%YAML 1.1\n---\nservices:\n  a: {}\n', // directives
      'services:\n  ? a\n  : {}\n', // explicit key
      'services:\n', // nothing to cut
      'services:\r  a: {}\r', // lone CR line breaks
    ])
      assert.equal(cutServices(bad), undefined, JSON.stringify(bad));
  });

  it('gives the whole-file tree for every Compose file in the repository and every rule test case', () => {
    const texts = [
      ...yamlFiles(path.join(ROOT, 'examples')).map((f) => fs.readFileSync(f, 'utf8')),
      ...Object.values(composeCases).flatMap((c) => [
        ...c.valid.map((v) => (typeof v === 'string' ? v : v.code)),
        ...c.invalid.map((x) => x.code),
      ]),
      BIG,
      BIG.replace(/\n/g, '\r\n'),
      ODD,
    ];
    let used = 0;
    for (const t of texts) {
      check(t);
      if (parseIncremental(t, undefined)?.doc) used++;
    }
    assert.ok(used > texts.length / 2, `the incremental path was taken for only ${used} of ${texts.length} files`);
  });

  it('gives the whole-file tree where the cut would be wrong (quotes, flow collections and block scalars across lines)', () => {
    for (const t of [
      'x: "abc\nservices:\n  web:\n    image: y\nz: "\n',
      'x: [a,\nservices:\n  web:\n    image: y\nz: b]\n',
      'services:\n  web:\n    command: "a\n  db: b"\n',
      'services:\n  web:\n    command: [a,\n  db, c]\n',
      'services:\n  web:\n    command: |\n      a\n  db:\n    image: x\n',
      'services:\n  web:\n    command: >-\n\n  db:\n    image: x\n',
      'services:\n  web: plain\n    continued\n  db: {}\n',
      'services:\n  web:\n    image: x\n  db: *missing\n',
      'services:\n  web: &w\n    image: x\n  db: *w\n  db: {}\n',
      'services:\n  web:\n    image: !reset null\n  db:\n    image: !custom x\n',
      'services:\n  web:\n    image: x\n    image: y\n',
      '---\nservices:\n  web:\n    image: x\n...\n',
      '\ufeffservices:\n  web:\n    image: x\n',
      'services:\n  web:\n    image: x\n# end\n',
      'services:\n  web:\n    image: x\n  last:\n    imax\n  # c\n# end\n', // the file ends in comments (found by fuzzing)
      // yaml: after `key:` and a comment no deeper than the services, a plain scalar runs on over less indented
      // lines, the next service or top-level key included (found by fuzzing)
      'services:\n  app:\n#c\n    p- \nds: 1\n',
      'services:\n  web:\n    command:\n#c\n      run\n  db:\n    image: x\n',
      'services:\n  web:\n    command:\n  #c\n      run\n  db:\n    image: x\n  cache: {}\n',
      'services:\n  web:\n    environment:\n#      A: 1\n      B: 2\n  db:\n    image: x\n',
      'services: # comment\n  web:\n    image: x\n\n\n',
      'services:\n  "web":\n    image: x\n  \'db\': {}\n',
      'services:\n    web:\n        image: x\n    db: {}\n',
    ])
      check(t);
  });

  it('reuses unchanged services after an edit, and gives the whole-file tree', () => {
    const first = check(BIG);
    const edited = edit(BIG, '  svc20:', '  svc20x:');
    const r = parseIncremental(edited, first.incremental);
    assert.ok(r?.doc, 'the edited file is parsed incrementally');
    assert.ok(r.parsedChars < BIG.length / 10, `parsed ${r.parsedChars} of ${edited.length} characters`);
    check(edited, first);
  });

  it('reuses services parsed with their neighbours (commented-out lines) after an edit elsewhere', () => {
    // every other service has a commented-out line at column 0, so it is always parsed with its neighbours
    const text = BIG.replace(/( {2}svc\d*[02468]:\n)/g, '$1#    ports: ["80:80"]\n');
    const first = check(text);
    assert.ok(cutServices(text)!.odd.filter(Boolean).length >= 10);
    const edited = edit(text, '  svc21:', '  svc21x:');
    const r = parseIncremental(edited, first.incremental);
    assert.ok(r?.doc, 'parsed incrementally');
    // the edited service and the two groups it belongs to (as a neighbour); without reuse, every group
    assert.ok(r.parsedChars < text.length / 3, `parsed ${r.parsedChars} of ${edited.length} characters`);
    check(edited, first);
  });

  it('re-parses a service with a syntax error between its neighbours only, with the whole-file errors', () => {
    const first = check(BIG);
    for (const broken of ['  svc20:x', '  svc20: "x', '  svc20: [', '  svc20:\n    ports:x']) {
      const edited = edit(BIG, '  svc20:', broken);
      const r = parseIncremental(edited, first.incremental);
      if (broken === '  svc20:x' || broken === '  svc20:\n    ports:x') {
        assert.ok(r?.doc, `${broken}: parsed incrementally`);
        assert.ok(r.doc.errors.length > 0, 'with the syntax error');
        assert.ok(r.parsedChars < BIG.length / 5, `parsed ${r.parsedChars} of ${edited.length} characters`);
      }
      check(edited, first, broken);
    }
  });

  it('keeps the parsed services while an error it cannot confine is in the file', () => {
    // an unterminated quote in the last service: no clean service after it, so the whole file is parsed
    const broken = edit(BIG, '    image: "nginx:1.29"', '    image: "nginx:1.29');
    const p1 = check(broken, check(BIG));
    const r1 = parseIncremental(broken, check(BIG).incremental);
    assert.ok(r1 && !r1.doc, 'not assembled');
    assert.ok(p1.incremental && p1.incremental.chunks.size >= 29, 'the clean services are kept for the next keystroke');
    // the next keystroke elsewhere parses one service, not all of them, and is still parsed whole
    const next = edit(broken, '  svc3:', '  svc3x:');
    const r2 = parseIncremental(next, p1.incremental);
    assert.ok(r2 && !r2.doc);
    assert.ok(r2.parsedChars < BIG.length / 5, `parsed ${r2.parsedChars} of ${next.length} characters`);
    check(next, p1);
  });

  it('gives the whole-file tree after any sequence of random edits (fast-check)', function () {
    this.timeout(60_000); // 150 runs of up to 12 edits on files up to 1,000 lines: a few seconds, more under load
    let repairedWithErrors = 0;
    const noise = fc.constantFrom(
      'x',
      ' ',
      '\n',
      ':',
      '- ',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      '#',
      '&a ',
      '*a',
      '|',
      '  ',
      '\n  s:\n',
      '\n    k: v\n',
      'services:',
      '\t',
      '---\n',
      '\n#c\n',
      '\n  # c\n',
      '\n    x\n',
      ': |\n',
      ': >-\n',
    );
    const cases = Object.values(composeCases)
      .flatMap((c) => c.invalid.map((x) => x.code))
      .filter((t) => cutServices(t) !== undefined);
    const bases = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          BIG,
          ODD,
          ODD.replace(/\n/g, '\r\n'),
          ODD.repeat(2).replace('volumes: {}\nservices:', 'x: 1\n'),
        ),
        weight: 3,
      },
      { arbitrary: fc.constantFrom(...cases), weight: 1 }, // rule cases: anchors, extends, flow styles, odd values
    );
    fc.assert(
      fc.property(
        bases,
        fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.array(noise, { maxLength: 3 })), { minLength: 1, maxLength: 12 }),
        (base, edits) => {
          let text = base;
          let prev = parseYaml('/p/compose.yaml', text, undefined, true);
          for (const [at, del, ins] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + ins.join('') + text.slice(i + del);
            prev = check(text, prev, `after editing at ${i}`);
            const r = parseIncremental(text, prev.incremental);
            if (r?.doc?.errors.length) repairedWithErrors++;
          }
        },
      ),
      { seed: SEED, numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
    assert.ok(repairedWithErrors > 20, `only ${repairedWithErrors} files with syntax errors were parsed incrementally`);
  });

  it('gives the same findings through the editor cache as a fresh lint, edit after edit', () => {
    const cache = new ParseCache(64, true);
    let text = BIG.replace('    image: "nginx:1.4"', '    image: "nginx:1.4"\n    privileged: true');
    for (let k = 0; k < 6; k++) {
      const viaCache = lint('/p/compose.yaml', text, { cache });
      const fresh = lint('/p/compose.yaml', text);
      assert.deepEqual(JSON.parse(JSON.stringify(viaCache.findings)), JSON.parse(JSON.stringify(fresh.findings)));
      assert.ok(fresh.findings.some((f) => f.ruleId === 'compose/privileged'));
      text = text.replace(`svc${k}:`, `svc${k}b:`);
    }
  });
});
