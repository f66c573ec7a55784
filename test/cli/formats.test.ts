// The report in other tools' formats (issue 35), each read back by a reader of that format: Checkstyle and JUnit
// with an XML parser (xml2js), GitLab Code Quality as GitLab documents its fields, GitHub workflow commands as the
// runner splits and unescapes them; and standard input with --stdin-filename.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseStringPromise } from 'xml2js';
import { run } from '../../server/src/cli/main';
import { xml } from '../../server/src/cli/formats';

// a name and a message with everything XML, JSON and workflow commands must escape
const HOSTILE_DIR = 'a&b <c> "d" \'e\' %25, f:g';
const PROJECT: Record<string, string> = {
  'compose.yaml': 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n',
  [`${HOSTILE_DIR}/Dockerfile`]: 'FROM alpine:3.20\nUSER root\n',
  'clean/compose.yaml':
    'services:\n  b:\n    image: nginx:1.27\n    read_only: true\n    cap_drop: [ALL]\n' +
    '    security_opt: [no-new-privileges:true]\n' +
    "    deploy: { resources: { limits: { memory: 256M, cpus: '0.5', pids: 100 } } }\n",
  'broken/compose.yaml': 'services:\n  c: [\n',
};

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-formats-'));
  fs.mkdirSync(path.join(dir, '.git')); // the top folder paths are relative to
  for (const [name, text] of Object.entries(PROJECT)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function cli(args: string[], cwd: string, stdin?: string) {
  let out = '';
  let err = '';
  const code = run(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    isTTY: false,
    cwd,
    env: {},
    ...(stdin !== undefined ? { stdin: () => Buffer.from(stdin) } : {}),
  });
  return { code, out, err };
}

/** A workflow command line as GitHub's runner reads it: command, properties (split on `,`), data; unescaped. */
function readCommand(line: string): { command: string; props: Record<string, string>; data: string } {
  const m = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(m, `a workflow command: ${line}`);
  const un = (s: string) =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const p of m[2].split(',')) {
    const eq = p.indexOf('=');
    props[p.slice(0, eq)] = un(p.slice(eq + 1));
  }
  return { command: m[1], props, data: un(m[3]) };
}

describe('CLI: Checkstyle, JUnit, GitLab Code Quality and GitHub formats, read back', () => {
  let dir: string;
  before(() => {
    dir = project();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('checkstyle: well-formed XML; a <file> per file checked, an <error> per finding and file problem', async () => {
    const r = cli(['--format', 'checkstyle', '.'], dir);
    assert.equal(r.code, 1, r.err);
    const doc = await parseStringPromise(r.out);
    const files = doc.checkstyle.file as { $: { name: string }; error?: { $: Record<string, string> }[] }[];
    const byName = new Map(files.map((f) => [f.$.name.split(path.sep).join('/'), f.error ?? []]));
    assert.deepEqual([...byName.keys()].sort(), [
      `${HOSTILE_DIR}/Dockerfile`,
      'broken/compose.yaml',
      'clean/compose.yaml',
      'compose.yaml',
    ]);
    const priv = byName.get('compose.yaml')!.find((e) => e.$.source === 'docker-security-lint.compose/privileged');
    assert.deepEqual([priv?.$.line, priv?.$.column, priv?.$.severity], ['4', '5', 'error']);
    assert.ok(byName.get(`${HOSTILE_DIR}/Dockerfile`)!.some((e) => e.$.source.endsWith('dockerfile/user-root')));
    // the YAML error is an error entry, not silence
    assert.ok(byName.get('broken/compose.yaml')!.some((e) => e.$.severity === 'error'));
    assert.deepEqual(byName.get('clean/compose.yaml'), []);
  });

  it('junit: well-formed XML; a suite per file, a failure per entry, a passing case for a clean file', async () => {
    const r = cli(['--format', 'junit', '.'], dir);
    const doc = await parseStringPromise(r.out);
    const suites = doc.testsuites.testsuite as { $: Record<string, string>; testcase: Record<string, unknown>[] }[];
    const total = suites.reduce((n, s) => n + Number(s.$.failures), 0);
    assert.equal(Number(doc.testsuites.$.failures), total);
    const clean = suites.find((s) => s.$.name.endsWith('clean/compose.yaml'))!;
    assert.deepEqual([clean.$.failures, clean.testcase.length, 'failure' in clean.testcase[0]], ['0', 1, false]);
    const main = suites.find((s) => s.$.name === 'compose.yaml')!;
    const failures = main.testcase.map((c) => (c.failure as { $: { type: string } }[])[0].$.type);
    assert.ok(failures.includes('error'));
  });

  it('gitlab: GitLab Code Quality fields; fingerprints unique; paths from the top folder', () => {
    const r = cli(['--format', 'gitlab', '.'], path.join(dir, 'clean'));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), []);
    const all = JSON.parse(cli(['--format', 'gitlab', '.'], dir).out) as Record<string, unknown>[];
    for (const issue of all) {
      assert.equal(typeof issue.description, 'string');
      assert.equal(typeof issue.check_name, 'string');
      assert.match(String(issue.fingerprint), /^[0-9a-f]{32}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(String(issue.severity)));
      const loc = issue.location as { path: string; lines: { begin: number } };
      assert.ok(!path.isAbsolute(loc.path) && loc.lines.begin >= 1, JSON.stringify(loc));
    }
    assert.equal(new Set(all.map((i) => i.fingerprint)).size, all.length, 'unique fingerprints');
    const priv = all.find((i) => i.check_name === 'compose/privileged');
    assert.deepEqual(priv?.location, { path: 'compose.yaml', lines: { begin: 4 } });
    assert.equal(priv?.severity, 'critical');
    // run from a subfolder: the path is still from the repository's top folder
    const sub = JSON.parse(cli(['--format', 'gitlab', 'Dockerfile'], path.join(dir, HOSTILE_DIR)).out);
    assert.equal(sub[0].location.path, `${HOSTILE_DIR}/Dockerfile`);
  });

  it('github: one workflow command per entry, escaped so the runner reads back the path and message', () => {
    const r = cli(['--format', 'github', '.'], dir);
    const cmds = r.out.trimEnd().split('\n').map(readCommand);
    const priv = cmds.find((c) => c.props.title.endsWith('compose/privileged'));
    assert.deepEqual(
      [priv?.command, priv?.props.file, priv?.props.line, priv?.props.col, priv?.props.endColumn],
      ['error', 'compose.yaml', '4', '5', '21'],
    );
    const root = cmds.find((c) => c.props.title.endsWith('dockerfile/user-root'));
    assert.equal(root?.props.file, `${HOSTILE_DIR}/Dockerfile`, 'the name with , : % survives');
    assert.equal(root?.command, 'warning');
    assert.ok(cmds.some((c) => c.props.file === 'broken/compose.yaml' && c.command === 'error'));
    assert.ok(cmds.every((c) => !c.data.includes('\n') || c.data.length > 0));
  });

  it('xml(): controls and lone surrogates become U+FFFD; pairs and the five specials are kept or escaped', () => {
    assert.equal(
      xml('a\u0000b\u001bc\uD800d\uD83D\uDE00&<>"\''),
      'a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00&amp;&lt;&gt;&quot;&apos;',
    );
  });
});

describe('CLI: standard input with --stdin-filename', () => {
  let dir: string;
  before(() => {
    dir = project();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lints standard input as the file it names: that name's kind, config and neighbours", () => {
    // the `.env` beside the name is read, as for that file on disk
    fs.writeFileSync(path.join(dir, '.env'), 'PRIV=true\n');
    try {
      const r = cli(
        ['--format', 'json', '--stdin-filename', 'compose.yaml', '-'],
        dir,
        'services:\n  a:\n    image: nginx:1.27\n    privileged: ${PRIV}\n',
      );
      const report = JSON.parse(r.out) as {
        files: { path: string; kind: string }[];
        findings: { ruleId: string; file: string; line: number }[];
      };
      assert.deepEqual(
        report.files.map((f) => [f.path, f.kind]),
        [['compose.yaml', 'compose']],
      );
      assert.ok(
        report.findings.some((f) => f.ruleId === 'compose/privileged' && f.line === 4),
        JSON.stringify(report.findings),
      );
    } finally {
      fs.rmSync(path.join(dir, '.env'));
    }
    const d = cli(['--stdin-filename', 'sub/Dockerfile', '-'], dir, 'FROM alpine:3.20\nUSER root\n');
    assert.equal(d.code, 0);
    assert.match(d.out, /^sub\/Dockerfile:2:1 warning dockerfile\/user-root/m);
  });

  it('usage errors: no name, other paths, --fix; --fix-dry-run prints the diff', () => {
    assert.equal(cli(['-'], dir, 'x').code, 2);
    assert.equal(cli(['--stdin-filename', 'Dockerfile', '-', '.'], dir, 'x').code, 2);
    assert.equal(cli(['--stdin-filename', 'Dockerfile', '--fix', '-'], dir, 'x').code, 2);
    assert.equal(cli(['--stdin-filename', 'Dockerfile'], dir).code, 2);
    const r = cli(
      ['--stdin-filename', 'Dockerfile', '--fix-dry-run', '-'],
      dir,
      'FROM alpine:3.20\nADD a.txt /a\nUSER 1000\n',
    );
    assert.match(r.out, /^\+COPY a\.txt \/a$/m);
  });

  it('more than maxFileSize: not analysed, and that counts (exit 1 by the default skipped policy)', () => {
    fs.writeFileSync(path.join(dir, '.docker-security-lint.yaml'), 'maxFileSize: 1024\n');
    try {
      let asked = 0;
      const code = run(['--stdin-filename', 'Dockerfile', '-'], {
        stdout: () => undefined,
        stderr: () => undefined,
        isTTY: false,
        cwd: dir,
        env: {},
        stdin: (max) => {
          asked = max;
          return undefined;
        },
      });
      assert.equal(asked, 1024);
      assert.equal(code, 1);
    } finally {
      fs.rmSync(path.join(dir, '.docker-security-lint.yaml'));
    }
  });
});
