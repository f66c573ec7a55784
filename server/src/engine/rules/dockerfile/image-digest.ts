import { dockerfileRule } from '../rule';
import { imageTag, isMovingTag, OWN_IMAGES } from '../../vocabulary/images';
import { externalImages } from './_images';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/image-digest',
    kind: 'dockerfile',
    title: 'Base image without a digest',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    options: { ownImages: OWN_IMAGES },
    quadrant: 'supply-chain',
    description:
      'In the `strict` profile: `FROM` and `COPY --from=<image>` with a version tag but no digest ' +
      '(`python:3.12-slim` rather than `python:3.12-slim@sha256:...`). Images with no tag or a moving one are ' +
      "dockerfile/image-tag's.",
    why:
      'A tag is a name the publisher (or whoever takes over the account or the registry) can point at other content ' +
      'at any time; a digest names the content itself. Without one, a rebuild can silently take a different base.',
    howToFix:
      'Add the digest of the image you reviewed: `FROM python:3.12-slim@sha256:<digest>` (`docker buildx imagetools ' +
      'inspect python:3.12-slim` prints it), and let a bot such as Dependabot or Renovate move tag and digest together.',
    cis: ['4.2'],
    cwe: ['CWE-1357', 'CWE-494'],
    references: [
      'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
      'https://docs.docker.com/reference/dockerfile/#from',
    ],
    examples: {
      bad: ['FROM python:3.12-slim\nUSER 10001\n'],
      good: [
        'FROM python:3.12-slim@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d\nUSER 10001\n',
      ],
    },
  },
  check(ctx) {
    for (const use of externalImages(ctx.model, ctx.options.ownImages)) {
      const tag = imageTag(use.ref);
      if (!tag || isMovingTag(tag, use.ref)) continue;
      ctx.report({
        start: use.start,
        end: use.end,
        message: `${use.via === 'FROM' ? 'FROM' : 'COPY --from='}${use.via === 'FROM' ? ' ' : ''}${use.ref} has a tag but no digest: the tag can be moved to other content. Pin the digest you reviewed (${use.ref}@sha256:...).`,
      });
    }
  },
});
