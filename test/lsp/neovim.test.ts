// A real editor other than VS Code: Debian's Neovim (its built-in LSP client, headless) gets diagnostics, a hover
// and a quick fix from the language server (issue 35). .ci/run installs Neovim; without it the test is pending.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serverJs } from './client';

const root = path.resolve(__dirname, '..', '..', '..');
const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const lua = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

describe('language server in Neovim (headless)', function () {
  this.timeout(90_000);
  before(function () {
    if (!hasNeovim) {
      console.log('      (nvim is not installed: this test is pending; .ci/run installs it)');
      this.skip();
    }
    if (!fs.existsSync(serverJs)) this.skip();
  });

  it('diagnostics, a hover with the rule and its page, and the quick fix of a finding', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsl-nvim-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'compose.yaml'),
        'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n',
      );
      const out = path.join(dir, 'out.json');
      const globals =
        `lua _G.DSL_SERVER=${lua(serverJs)}; _G.DSL_DIR=${lua(dir)}; _G.DSL_OUT=${lua(out)};` +
        ` _G.DSL_NODE=${lua(process.execPath)}`;
      const script = path.join(root, 'test', 'fixtures', 'editors', 'neovim.lua');
      const r = spawnSync(
        'nvim',
        ['--headless', '--clean', '-u', 'NONE', '--cmd', globals, '-c', `luafile ${script}`],
        {
          encoding: 'utf8',
          timeout: 80_000,
          env: { ...process.env, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
        },
      );
      assert.ok(fs.existsSync(out), `Neovim wrote no result: ${r.stdout}${r.stderr}${r.error ?? ''}`);
      const got = JSON.parse(fs.readFileSync(out, 'utf8')) as {
        waited: boolean;
        diagnostics: { code: string; line: number; character: number }[];
        hover?: string;
        actions: string[];
      };
      assert.equal(got.waited, true, 'diagnostics arrived');
      assert.ok(
        got.diagnostics.some((d) => d.code === 'compose/privileged' && d.line === 3 && d.character === 4),
        JSON.stringify(got.diagnostics),
      );
      assert.match(got.hover ?? '', /compose\/privileged/);
      assert.match(got.hover ?? '', /\*\*How to fix:\*\*/);
      assert.ok(got.actions.includes('Remove privileged: true (review: changes behaviour)'), got.actions.join(' | '));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
