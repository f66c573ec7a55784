import { finalStage, lastUser } from '../../sources/dockerfile/model';
import type { DockerfileRule } from '../rule';
import { isRootUser } from '../../vocabulary/users';

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/user-root',
    kind: 'dockerfile',
    title: 'Image runs as root',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      "Flags the final stage's last `USER` when it is `root`, `0`, `root:<group>` or `0:<group>`. Earlier build " +
      'stages may run as root. An image that only dev containers build, each running it as a non-root ' +
      '`containerUser` or `remoteUser`, is reported at info.',
    why: 'A container that runs as root turns any escape, writable host mount or kernel bug into root on the host.',
    howToFix:
      'End the final stage with `USER` of an unprivileged user (create one with `useradd`/`adduser` if the image ' +
      'has none).',
    fixes: {
      unsafe: 'Replaces the user with the configured non-root user (`10001:10001` unless `fixes.user` says otherwise).',
    },
    cis: ['4.1'],
    cwe: ['CWE-250'],
    references: [
      'https://docs.docker.com/reference/dockerfile/#user',
      'https://docs.docker.com/build/building/best-practices/#user',
    ],
    examples: {
      bad: ['FROM alpine:3.20\nUSER root\nCMD ["sh"]\n'],
      good: ['FROM alpine:3.20 AS build\nUSER root\nRUN echo build\nFROM alpine:3.20\nUSER 10001\nCMD ["sh"]\n'],
    },
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    if (!stage) return;
    const u = lastUser(stage);
    if (!u || !u.args.length) return;
    const spec = u.args.map((a) => a.value).join(' ');
    if (!isRootUser(spec)) return;
    const arg = u.args[0];
    // built only by dev containers that all run it as a non-root user (containerUser/remoteUser): info, as
    // dockerfile/missing-user says in the same case, with where they set it
    const devcontainers = ctx.devcontainerUsers();
    const dev =
      devcontainers.length > 0 &&
      !ctx.composeUsers().length &&
      devcontainers.every((d) => d.user !== undefined && d.user.value.trim() !== '' && !isRootUser(d.user.value));
    ctx.report({
      start: u.start,
      end: u.end,
      severity: dev ? 'info' : undefined,
      related: dev
        ? devcontainers.map((d) => ({
            file: d.file,
            range: d.parsed.index.range(d.user!.start, d.user!.end),
            message: `the dev container runs it as this user (${d.user!.key})`,
          }))
        : undefined,
      message: dev
        ? `The image ends as root (USER ${spec}); the dev containers that build it run it as a non-root user, but ` +
          `\`docker run\` of this image would run as root. End the final stage with an unprivileged USER.`
        : `The image runs as root (USER ${spec} is the last USER of the final stage). End the final stage with an ` +
          `unprivileged USER.`,
      fixes: () =>
        u.stage === stage
          ? [
              {
                title: `Use USER ${ctx.fixDefaults.user}`,
                applicability: 'unsafe',
                edits: [{ start: arg.start, end: u.args[u.args.length - 1].end, newText: ctx.fixDefaults.user }],
              },
            ]
          : [],
    });
  },
};
