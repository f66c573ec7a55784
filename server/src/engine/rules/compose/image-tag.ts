import { text } from '../../model/compose/effective';
import type { ComposeRule } from '../rule';
import { imageTag, isMovingTag } from '../../vocabulary/images';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/image-tag',
    kind: 'compose',
    title: 'Image not pinned',
    severity: 'info',
    quadrant: 'supply-chain',
    description:
      'Flags an `image` with no tag or a moving tag (`latest`, `stable`, `edge`, `nightly`, `lts`, `main`, ' +
      '`master`, `dev`, `rolling`). A digest (`@sha256:...`) pins it. Services that ' +
      '`build` the image are skipped.',
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
  },
  check(ctx) {
    for (const s of ctx.services) {
      const e = s.config.entries?.get('image');
      if (!e || s.config.entries?.has('build')) continue;
      const ref = text(e.value)?.trim();
      if (!ref) continue;
      const tag = imageTag(ref);
      if (tag === undefined || (tag !== '' && !isMovingTag(tag))) continue;
      ctx.report({
        at: e.value,
        message: `Service '${s.name}' uses ${tag ? `the moving tag '${tag}'` : 'no tag'} for ${ref}: what runs changes whenever upstream pushes. Pin a version (and a digest).`,
      });
    }
  },
};
