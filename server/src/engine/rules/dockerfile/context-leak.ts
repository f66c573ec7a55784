import * as path from 'node:path';
import { finalStage, stageChain, type Inst } from '../../sources/dockerfile/model';
import type { BuildContext } from '../../sources/dockerfile/context';
import type { DockerfileRule } from '../rule';
import type { FileEdit } from '../../types';

/** Sources that copy the whole context: `.`, `./`, `*`, `./*` (Go's `*` matches dotfiles too). */
const WHOLE_CONTEXT = /^["']?(\.\/?|\.\/\*|\*)["']?$/;
const SHOWN = 6;

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/context-leak',
    kind: 'dockerfile',
    title: 'COPY . lets credentials from the build context into the image',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags `COPY . <dest>` / `ADD . <dest>` (also `./`, `*`) in the final stage (or a stage it builds on) when ' +
      'the build context holds files that must not be in an image (`.env`, `.git`, `*.pem`, `*.key`, SSH private ' +
      'keys, `.npmrc`, `.pypirc`, `.netrc`, `.aws/`, `.ssh/`) and its `.dockerignore` (or ' +
      '`<Dockerfile>.dockerignore`) does not exclude them. The context is the Compose `build.context` of the ' +
      'services that build this Dockerfile, else its own folder. Dependency folders (`node_modules`, `vendor`...) ' +
      'are not searched.',
    why:
      'Everything copied is in a layer of the image: anyone who can pull it can read the credentials and the ' +
      'repository history, even if a later step deletes them.',
    howToFix:
      'Exclude them in `.dockerignore` (or copy only what the image needs), and pass build-time secrets with ' +
      '`RUN --mount=type=secret`.',
    fixes: {
      unsafe:
        'Adds the patterns of the files found to `.dockerignore` (creating it if missing); unsafe, since a build ' +
        'step may need one of them.',
    },
    cwe: ['CWE-538', 'CWE-200'],
    cis: ['4.10'],
    references: [
      'https://docs.docker.com/build/concepts/context/#dockerignore-files',
      'https://docs.docker.com/build/building/secrets/',
    ],
    examples: {
      bad: ['FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n'],
      good: ['FROM node:22-alpine\nWORKDIR /app\nCOPY package.json index.js ./\nUSER node\nCMD ["node", "index.js"]\n'],
      files: { '.env': 'DB_PASSWORD=example\n', '.git/HEAD': 'ref: refs/heads/main\n', 'index.js': '' },
    },
  },
  check(ctx) {
    const final = finalStage(ctx.model);
    if (!final) return;
    const shipped = new Set(stageChain(final));
    const copies = ctx.model.instructions.filter((i) => isWholeContextCopy(i) && shipped.has(i.stage));
    if (!copies.length) return;
    for (const c of ctx.buildContexts()) {
      if (!c.leaks.length) continue;
      const shown = c.leaks.slice(0, SHOWN).map((l) => `${l.rel} (${l.what})`);
      const more = c.leaks.length - shown.length;
      const ctxName = path.relative(path.dirname(ctx.file), c.dir) || '.';
      const ignoreName = path.relative(c.dir, c.ignoreFile);
      for (const i of copies) {
        ctx.report({
          start: i.start,
          end: i.end,
          message:
            `${i.keyword} ${i.args[0].value} copies the build context (${ctxName}) into the image, and ` +
            `${c.ignoreText === undefined ? 'there is no .dockerignore to keep out' : `${ignoreName} lets in`} ` +
            `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}${c.truncated ? ' (the search stopped at its bound)' : ''}. ` +
            `Anyone who pulls the image can read them: exclude them in .dockerignore or copy only what it needs.`,
          fixes: () => [
            {
              title: `Add ${[...new Set(c.leaks.map((l) => l.pattern))].join(', ')} to ${ignoreName}`,
              applicability: 'unsafe',
              edits: [],
              files: [ignoreEdit(c)],
            },
          ],
        });
      }
    }
  },
};

function isWholeContextCopy(i: Inst): boolean {
  if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.args.length < 2 || i.heredocs.length) return false;
  if (i.flags.some((f) => f.name === 'from')) return false;
  return i.args.slice(0, -1).some((a) => WHOLE_CONTEXT.test(a.value));
}

/** Appends the patterns (each once, one per line) to the ignore file, in its line ending; creates it if missing. */
function ignoreEdit(c: BuildContext): FileEdit {
  const before = c.ignoreText ?? '';
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const patterns = [...new Set(c.leaks.map((l) => l.pattern))];
  const sep = before && !before.endsWith('\n') ? eol : '';
  const newText = sep + patterns.join(eol) + eol;
  return {
    file: c.ignoreFile,
    create: c.ignoreText === undefined,
    before,
    edits: [{ start: before.length, end: before.length, newText }],
  };
}
