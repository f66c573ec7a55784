import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree as tmpdir, root, runInProcess as cli } from '../hostile/harness';

describe('the CLI contract (docs/cli.md)', () => {
  const doc = fs.readFileSync(path.join(root, 'docs/cli.md'), 'utf8');
  it('lists every option --help prints', () => {
    const help = cli(['--help'], tmpdir({})).out;
    const options = [...help.matchAll(/^ {2}(-[-\w]+)(?:, (-[-\w]+))?/gm)].flatMap((m) => m.slice(1).filter(Boolean));
    assert.ok(options.length >= 15, `${options.length} options read from --help`);
    for (const o of options) assert.ok(doc.includes(`\`${o}`), `docs/cli.md does not list ${o}`);
  });
  it('lists every key of the config schema, and every kind of file the JSON output names', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/config.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    for (const k of Object.keys(schema.properties)) assert.ok(doc.includes(`| \`${k}\` |`), `config key ${k}`);
    for (const k of ['compose', 'dockerfile', 'devcontainer', 'daemon', 'run', 'unknown', 'skipped'])
      assert.ok(doc.includes(`\`${k}\``), `kind ${k}`);
  });
});
