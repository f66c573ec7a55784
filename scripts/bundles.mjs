// The esbuild bundles: the CLI, the language server, the VS Code client, and the web extension's client and server
// (used by build.mjs and pack-npm.mjs).
import { build } from 'esbuild';
import { readFileSync, chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// yaml ships CommonJS for Node and ES modules for other platforms (same code). Bundled from CommonJS, every
// `isScalar(...)` call goes through a re-export getter (about 3% of an edit's time in profiles); bundled from
// the ES modules, esbuild binds the functions directly.
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: path.join(root, 'node_modules/yaml/browser/index.js') }));
  },
};
// jsonc-parser's `main` is a UMD build that requires its own modules at run time (a bundle cannot follow that);
// its ES modules bundle like any other code.
const jsoncEsm = {
  name: 'jsonc-esm',
  setup(b) {
    b.onResolve({ filter: /^jsonc-parser$/ }, () => ({
      path: path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js'),
    }));
  },
};

// The web bundles (vscode.dev, github.dev) run in a browser: Node built-ins must not be in them. `node:path` is the one
// the engine uses; for paths that are POSIX there (web/platform.ts), path-browserify is Node's posix path. Anything
// else that names a built-in fails the build, saying who imported it.
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const webOnly = {
  name: 'web-only',
  setup(b) {
    b.onResolve({ filter: /^(node:)?path$/ }, () => ({
      path: path.join(root, 'node_modules/path-browserify/index.js'),
    }));
    b.onResolve({ filter: /.*/ }, (args) =>
      BUILTINS.has(args.path)
        ? {
            errors: [
              {
                text: `Node built-in "${args.path}" in a web bundle (imported by ${path.relative(root, args.importer)})`,
              },
            ],
          }
        : undefined,
    );
  },
};

// dockerfile-ast checks for a byte-order mark with Node's Buffer; a browser has TextEncoder, which gives the same bytes.
// If an update changes that line, the web build fails here rather than at run time in a browser.
const dockerfileAstWeb = {
  name: 'dockerfile-ast-web',
  setup(b) {
    b.onLoad({ filter: /dockerfile-ast[\\/]lib[\\/]util\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = 'Uint8Array.from(Buffer.from(char, "UTF-8"))';
      if (!text.includes(from)) return { errors: [{ text: `dockerfile-ast's util.js changed: ${from} not found` }] };
      return { contents: text.replace(from, 'new TextEncoder().encode(char)'), loader: 'js' };
    });
  },
};

const ENTRIES = {
  cli: { entryPoints: ['server/src/cli/cli.ts'], outfile: 'cli.js', executable: true },
  // The server is also a command of the npm package (docker-security-lint-server --stdio): it gets a shebang too.
  server: {
    entryPoints: ['server/src/lsp/main.ts'],
    outfile: 'server.js',
    executable: true,
    banner: { js: '#!/usr/bin/env node' },
  },
  extension: { entryPoints: ['client/src/extension.ts'], outfile: 'extension.js', external: ['vscode'] },
  // the web extension: the client's browser entry (package.json `browser`) and the server it starts in a worker
  webExtension: {
    entryPoints: ['client/src/browser.ts'],
    outfile: 'web/extension.js',
    external: ['vscode'],
    web: true,
  },
  webServer: { entryPoints: ['server/src/web/server.ts'], outfile: 'web/server.js', web: true, format: 'iife' },
};

/**
 * Builds `targets` into `outdir`. `production`: minified, no source maps and no sourceMappingURL comments for maps
 * that would not ship; development builds keep their maps.
 * @param {{ production?: boolean, outdir?: string, targets?: (keyof typeof ENTRIES)[] }} options
 */
export async function bundle({ production = false, outdir = path.join(root, 'dist'), targets } = {}) {
  const common = {
    absWorkingDir: root,
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
  const chosen = targets ?? Object.keys(ENTRIES);
  const unknown = chosen.filter((t) => !(t in ENTRIES));
  if (unknown.length)
    throw new Error(`no bundle named ${unknown.join(', ')} (bundles: ${Object.keys(ENTRIES).join(', ')})`);
  await Promise.all(
    chosen.map((t) => {
      const { executable: _, web, outfile, ...entry } = ENTRIES[t];
      const target = web
        ? { platform: 'browser', target: 'es2022', plugins: [webOnly, dockerfileAstWeb, ...common.plugins] }
        : {};
      return build({ ...common, ...target, ...entry, outfile: path.join(outdir, outfile) });
    }),
  );
  for (const t of chosen) if (ENTRIES[t].executable) chmodSync(path.join(outdir, ENTRIES[t].outfile), 0o755);
}
