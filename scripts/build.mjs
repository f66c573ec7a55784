// Bundles the CLI, the language server and the VS Code client into dist/ (`--production`: minified, no maps;
// `--only cli,server`: only those bundles, e.g. the container image builds the CLI alone).
import { bundle } from './bundles.mjs';

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
await bundle({ production: args.includes('--production'), targets: only });
