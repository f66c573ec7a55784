import { dockerfileRule } from '../rule';
import { imageName, imageTag, isMovingTag, OWN_IMAGES } from '../../vocabulary/images';
import { externalImages } from './_images';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/image-tag',
    kind: 'dockerfile',
    title: 'Base image not pinned',
    severity: 'info',
    advice: true,
    quadrant: 'supply-chain',
    description:
      'Flags `FROM` with no tag or a moving tag (`latest`, `stable`, `edge`, `nightly`, `lts`, `main`, `master`, ' +
      "`dev`, `rolling`, the distributions' rolling channels `sid`, `unstable`, `testing`, `experimental`, " +
      '`rawhide`, `devel`, `tumbleweed`, and these with a variant suffix such as `stable-slim` or `lts-alpine`), after resolving `ARG` defaults, and `COPY --from=<image>` of such an image (not a stage ' +
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
      ownImages: OWN_IMAGES,
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
    for (const use of externalImages(ctx.model, ctx.options.ownImages)) {
      const tag = imageTag(use.ref);
      if (tag === undefined || (tag !== '' && !isMovingTag(tag, use.ref))) continue;
      if (allow.has(imageName(use.ref))) continue;
      const what = tag ? `the moving tag '${tag}'` : 'no tag (latest)';
      ctx.report({
        start: use.start,
        end: use.end,
        message:
          use.via === 'FROM'
            ? `FROM ${use.ref} uses ${what}: the base changes whenever upstream pushes. Pin a version (and a digest).`
            : `COPY --from=${use.ref} uses ${what}: the files copied change whenever upstream pushes. Pin a version (and a digest).`,
      });
    }
  },
});
