import { containerRule } from '../rule';
import { imageTag, isMovingTag, isOwnImage, OWN_IMAGES } from '../../vocabulary/images';

export const rule = containerRule({
  meta: {
    name: 'image-tag',
    title: 'Image not pinned',
    severity: 'info',
    advice: true,
    options: { ownImages: OWN_IMAGES },
    quadrant: 'supply-chain',
    description:
      'Flags an `image` with no tag or a moving tag (`latest`, `stable`, `edge`, `nightly`, `lts`, `main`, ' +
      "`master`, `dev`, `rolling`, the distributions' rolling channels `sid`, `unstable`, `testing`, " +
      '`experimental`, `rawhide`, `devel`, `tumbleweed`, and these with a variant suffix such as `stable-slim`). A digest (`@sha256:...`) pins it. Services that ' +
      '`build` the image are skipped, and so are services that run an image another service of the project ' +
      "builds (`build:` with that `image:` name): the project's own image, judged by its Dockerfile.",
    why:
      'A moving tag pulls whatever was pushed last: builds are not reproducible and a compromised or broken upstream ' +
      'image reaches you unreviewed.',
    howToFix: 'Pin a version tag (`nginx:1.27.2`), ideally with its digest (`nginx:1.27.2@sha256:...`).',
    cis: ['4.2'],
    cwe: ['CWE-1357'],
    references: ['https://docs.docker.com/reference/compose-file/services/#image'],
    examples: {
      bad: ['services:\n  web:\n    image: nginx\n', 'services:\n  web:\n    image: nginx:latest\n'],
      good: [
        'services:\n  web:\n    image: nginx:1.27.2\n',
        'services:\n  web:\n    image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
      ],
    },
    sources: {
      devcontainer: {
        description:
          'Flags an `image` without a tag, or with a moving one (`latest`, `stable`, `edge`, `nightly`, `lts`...). A dev container that builds its image (`build`) is judged on its Dockerfile.',
        howToFix:
          'Pin a version: `mcr.microsoft.com/devcontainers/base:1-ubuntu-24.04`, and a digest for full reproducibility.',
        examples: {
          bad: ['{\n  "image": "mcr.microsoft.com/devcontainers/universal:latest"\n}\n'],
          good: ['{\n  "image": "mcr.microsoft.com/devcontainers/universal:2"\n}\n'],
        },
      },
    },
  },
  check(ctx) {
    for (const c of ctx.containers) {
      const e = c.image;
      if (!e || isOwnImage(e.value, ctx.options.ownImages)) continue;
      const ref = e.value;
      const tag = imageTag(ref);
      if (tag === undefined || (tag !== '' && !isMovingTag(tag, ref))) continue;
      ctx.report({
        at: e,
        message: `${c.subject} uses ${tag ? `the moving tag '${tag}'` : 'no tag'} for ${ref}: what runs changes whenever upstream pushes. Pin a version (and a digest).`,
      });
    }
  },
});
