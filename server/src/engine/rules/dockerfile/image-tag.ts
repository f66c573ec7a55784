import { dockerfileRule } from '../rule';
import { imageTag, isMovingTag } from '../../vocabulary/images';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/image-tag',
    kind: 'dockerfile',
    title: 'Base image not pinned',
    severity: 'info',
    quadrant: 'supply-chain',
    description:
      'Flags `FROM` with no tag or a moving tag (`latest`, `stable`, `edge`, `nightly`, `lts`, `main`, `master`, ' +
      '`dev`, `rolling`), after resolving `ARG` defaults, and `COPY --from=<image>` of such an image (not a stage ' +
      'name or index). `scratch`, earlier stage names and digests are fine; an ARG with no default is unknown and ' +
      'not flagged.',
    why:
      'A moving base tag changes under you: builds are not reproducible and a compromised or broken upstream image ' +
      'reaches you unreviewed.',
    howToFix: 'Pin a version tag (`python:3.12.7-slim`), ideally with its digest.',
    options: {
      allowLatest: {
        type: 'string[]',
        description: 'Images (without tag) allowed to float, such as an internal base image rebuilt daily.',
      },
    },
    cis: ['4.2'],
    cwe: ['CWE-1357'],
    references: [
      'https://docs.docker.com/reference/dockerfile/#from',
      'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
    ],
    examples: {
      bad: ['FROM ubuntu\nUSER 10001\n', 'ARG BASE=node:latest\nFROM ${BASE}\nUSER 10001\n'],
      good: [
        'ARG BASE=node:22.11-alpine\nFROM ${BASE} AS build\nFROM build\nUSER 10001\n',
        'FROM scratch\nUSER 10001\n',
      ],
    },
  },
  check(ctx) {
    const allow = new Set(ctx.options.allowLatest ?? []);
    const earlierNames = new Set<string>();
    for (const s of ctx.model.stages) {
      const earlier = s.image !== undefined && earlierNames.has(s.image.toLowerCase());
      if (s.name) earlierNames.add(s.name.toLowerCase());
      if (!s.image || s.image.toLowerCase() === 'scratch' || s.parent) continue;
      if (earlier) continue;
      const tag = imageTag(s.image);
      if (tag === undefined || (tag !== '' && !isMovingTag(tag))) continue;
      const name = tag ? s.image.slice(0, -(tag.length + 1)) : s.image;
      if (allow.has(name)) continue;
      const a = s.from.args[0];
      ctx.report({
        start: a?.start ?? s.from.start,
        end: a?.end ?? s.from.end,
        message: `FROM ${s.image} uses ${tag ? `the moving tag '${tag}'` : 'no tag (latest)'}: the base changes whenever upstream pushes. Pin a version (and a digest).`,
      });
    }
    // COPY --from=<image>: files taken from an image (often `/` of a third-party one) float with its tag too
    const stages = new Set(ctx.model.stages.flatMap((s, n) => [String(n), ...(s.name ? [s.name.toLowerCase()] : [])]));
    for (const i of ctx.model.instructions) {
      if (i.keyword !== 'COPY') continue;
      const from = i.flags.find((f) => f.name === 'from');
      const ref = from?.value?.trim();
      if (!from || !ref || ref.includes('$') || stages.has(ref.toLowerCase())) continue;
      const tag = imageTag(ref);
      if (tag === undefined || (tag !== '' && !isMovingTag(tag))) continue;
      if (allow.has(tag ? ref.slice(0, -(tag.length + 1)) : ref)) continue;
      ctx.report({
        start: from.start,
        end: from.end,
        message: `COPY --from=${ref} uses ${tag ? `the moving tag '${tag}'` : 'no tag (latest)'}: the files copied change whenever upstream pushes. Pin a version (and a digest).`,
      });
    }
  },
});
