import { finalStage, lastUser, stageChain } from '../../sources/dockerfile/model';
import { runsAsNonRootByDefault } from '../../vocabulary/images';
import type { DockerfileRule } from '../rule';
import { entry, text } from '../../sources/compose/effective';
import { isRootUser } from '../../vocabulary/users';
import type { RelatedInfo } from '../../types';
import * as path from 'node:path';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/missing-user',
    kind: 'dockerfile',
    title: 'No USER in the final stage',
    severity: 'warning',
    advice: true,
    quadrant: 'configuration-profile',
    description:
      'Flags a final stage with no `USER` instruction (following `FROM <earlier stage>` chains), reported on its ' +
      '`FROM` line. The base image might set a non-root user itself; this rule cannot see it. When every Compose ' +
      'service that builds the Dockerfile (Compose files in its folder and up to three above) sets a non-root ' +
      '`user:`, and every dev container that builds it (a devcontainer.json beside it or in a `.devcontainer/` ' +
      'folder there; from a `.devcontainer` folder, also the folder above) sets a non-root `containerUser` or ' +
      '`remoteUser`, the finding is info, with related information where they set it.',
    why: 'Without USER the container runs as whatever the base image says, which is root for most images.',
    howToFix: 'Add `USER <non-root user>` before `CMD`/`ENTRYPOINT` in the final stage.',
    fixes: {
      unsafe: "Inserts `USER <configured user>` before the final stage's first CMD/ENTRYPOINT (or at its end).",
    },
    cis: ['4.1'],
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/dockerfile/#user'],
    examples: {
      bad: ['FROM node:22-alpine\nCOPY . /app\nCMD ["node", "/app/index.js"]\n'],
      good: ['FROM node:22-alpine\nCOPY . /app\nUSER node\nCMD ["node", "/app/index.js"]\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    const stage = finalStage(m);
    if (!stage || lastUser(stage)) return;
    // a base documented to run as non-root (distroless :nonroot, Bitnami): no USER needed
    const base = stageChain(stage).at(-1)?.image;
    if (base && runsAsNonRootByDefault(base)) return;
    // a file of several FROM lines and nothing else (a list a dependency bot keeps current): it builds nothing (one
    // FROM line alone may be an image that runs as is, and is judged)
    if (m.stages.length > 1 && m.instructions.every((i) => i.keyword === 'FROM' || i.keyword === 'ARG')) return;
    // run only by Compose services (or dev containers) that set a non-root user: the image's own default matters less
    const runners: { name: string; user: string | undefined; related?: RelatedInfo }[] = [];
    for (const u of ctx.composeUsers()) {
      const e = entry(u.service.config, 'user');
      const pf = e && u.project.parsed.get(e.loc.file);
      runners.push({
        name: `'${u.service.name}'`,
        user: e && text(e.value),
        related:
          e && pf
            ? {
                file: e.loc.file,
                range: pf.index.range(e.loc.start, e.loc.end),
                message: `'${u.service.name}' runs it as this user`,
              }
            : undefined,
      });
    }
    const devcontainers = ctx.devcontainerUsers();
    for (const d of devcontainers) {
      const where = `${path.basename(path.dirname(d.file))}/${path.basename(d.file)}`;
      runners.push({
        name: `the dev container ${where}`,
        user: d.user?.value,
        related: d.user
          ? {
              file: d.file,
              range: d.parsed.index.range(d.user.start, d.user.end),
              message: `the dev container runs it as this user (${d.user.key})`,
            }
          : undefined,
      });
    }
    const allNonRoot =
      runners.length > 0 && runners.every(({ user }) => user !== undefined && user.trim() !== '' && !isRootUser(user));
    const names = runners.map((r) => r.name).join(', ');
    const who = devcontainers.length ? 'the containers that build it' : 'the Compose services that build it';
    ctx.report({
      start: stage.from.start,
      end: stage.from.end,
      severity: allNonRoot ? 'info' : undefined,
      related: allNonRoot ? runners.flatMap((r) => (r.related ? [r.related] : [])) : undefined,
      message: allNonRoot
        ? `The final stage (FROM ${stage.imageRaw}) sets no USER; ${who} (${names}) ` +
          `set a non-root user, but \`docker run\` of this image would run as the base image's user. Add an ` +
          `unprivileged USER.`
        : `The final stage (FROM ${stage.imageRaw}) sets no USER: the container runs as the base image's user, root ` +
          `for most images. Add an unprivileged USER (unless the base image already sets one).`,
      fixes: () => {
        const before = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
        const eol = m.index.eol();
        const line = `USER ${ctx.fixDefaults.user}`;
        if (before) {
          const at = m.index.starts[before.firstLine];
          return [
            { title: `Add ${line}`, applicability: 'unsafe', edits: [{ start: at, end: at, newText: line + eol }] },
          ];
        }
        const last = stage.instructions[stage.instructions.length - 1];
        const at = m.index.lineEnd(last.lastLine);
        return [
          { title: `Add ${line}`, applicability: 'unsafe', edits: [{ start: at, end: at, newText: eol + line }] },
        ];
      },
    });
  },
};
