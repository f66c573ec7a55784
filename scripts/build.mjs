// Bundles the CLI, the language server and the VS Code client into dist/ (`--production`: minified, no maps).
import { bundle } from './bundles.mjs';

await bundle({ production: process.argv.includes('--production') });
