// Bundles the CLI, the language server and the VS Code client with esbuild.
import { build } from 'esbuild';
import { readFileSync, chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// yaml ships CommonJS for Node and ES modules for other platforms (same code). Bundled from CommonJS, every
// `isScalar(...)` call goes through a re-export getter (about 3% of an edit's time in profiles); bundled from
// the ES modules, esbuild binds the functions directly.
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({
      path: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)),
    }));
  },
};
// jsonc-parser's `main` is a UMD build that requires its own modules at run time (a bundle cannot follow that);
// its ES modules bundle like any other code.
const jsoncEsm = {
  name: 'jsonc-esm',
  setup(b) {
    b.onResolve({ filter: /^jsonc-parser$/ }, () => ({
      path: fileURLToPath(new URL('../node_modules/jsonc-parser/lib/esm/main.js', import.meta.url)),
    }));
  },
};
// `--production` (npm run package): minified, no source maps and no sourceMappingURL comments for maps that would
// not ship; development builds keep their maps.
const production = process.argv.includes('--production');
const common = {
  plugins: [yamlEsm, jsoncEsm],
  minify: production,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(pkg.version) },
};
await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
]);
chmodSync('dist/cli.js', 0o755);
