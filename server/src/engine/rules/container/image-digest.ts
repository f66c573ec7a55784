import { containerRule } from '../rule';
import { imageTag, isMovingTag, isOwnImage, OWN_IMAGES } from '../../vocabulary/images';

export const rule = containerRule({
  meta: {
    name: 'image-digest',
    title: 'Image without a digest',
    severity: 'info',
    profiles: { recommended: 'off' },
    advice: true,
    options: { ownImages: OWN_IMAGES },
    quadrant: 'supply-chain',
    description:
      'In the `strict` profile: an `image` with a version tag but no digest (`nginx:1.27.2` rather than ' +
      '`nginx:1.27.2@sha256:...`). No tag or a moving tag is image-tag’s; services that `build` are skipped, and ' +
      'so are those that run an image another service of the project builds.',
    why:
      'A tag is a name the publisher (or whoever takes over the account or the registry) can point at other content ' +
      'at any time; a digest names the content itself. Without one, the next pull can run something else.',
    howToFix:
      'Add the digest of the image you reviewed (`nginx:1.27.2@sha256:<digest>`; `docker buildx imagetools inspect ' +
      'nginx:1.27.2` prints it), and let a bot such as Dependabot or Renovate move tag and digest together.',
    cis: ['4.2'],
    cwe: ['CWE-1357', 'CWE-494'],
    references: ['https://docs.docker.com/reference/compose-file/services/#image'],
    examples: {
      bad: ['services:\n  web:\n    image: nginx:1.27.2\n'],
      good: [
        'services:\n  web:\n    image: nginx:1.27.2@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d\n',
      ],
    },
    sources: {
      devcontainer: {
        description:
          'In the `strict` profile: an `image` with a version tag but no digest. A dev container that builds its ' +
          'image is judged on its Dockerfile.',
        howToFix: 'Add the digest: `mcr.microsoft.com/devcontainers/base:1-ubuntu-24.04@sha256:<digest>`.',
        examples: {
          bad: ['{\n  "image": "mcr.microsoft.com/devcontainers/base:1-ubuntu-24.04"\n}\n'],
          good: [
            '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-ubuntu-24.04@sha256:' +
              '24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"\n}\n',
          ],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const e = c.image;
      if (!e || isOwnImage(e.value, ctx.options.ownImages)) continue;
      const tag = imageTag(e.value);
      if (!tag || isMovingTag(tag, e.value)) continue;
      ctx.report({
        at: e,
        message: `${c.subject} runs ${e.value}, a tag without a digest: the tag can be moved to other content. Pin the digest you reviewed (${e.value}@sha256:...).`,
      });
    }
  },
});
