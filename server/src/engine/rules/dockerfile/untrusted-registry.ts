import { dockerfileRule } from '../rule';
import { imageSource, isFromTrustedRegistry, TRUSTED_REGISTRIES } from '../../vocabulary/images';
import { externalImages } from './_images';

export const rule = dockerfileRule({
  meta: {
    id: 'dockerfile/untrusted-registry',
    kind: 'dockerfile',
    title: 'Image from a registry not on the allow-list',
    severity: 'warning',
    advice: true,
    quadrant: 'supply-chain',
    description:
      'When `trustedRegistries` is set: `FROM` and `COPY --from=<image>` of an image from any other registry (or ' +
      'registry path). Off until the option lists at least one registry. Docker Hub images are `docker.io/...` ' +
      '(`nginx` is `docker.io/library/nginx`); a reference with an unresolved variable is not judged.',
    why:
      'A team that builds only on images it mirrors and scans loses that guarantee the moment one Dockerfile pulls ' +
      'from elsewhere: a base image from an unvetted registry or account runs its code in every build and container.',
    howToFix: TRUSTED_REGISTRIES.howToFix,
    options: { trustedRegistries: TRUSTED_REGISTRIES.option },
    cis: ['4.2'],
    cwe: ['CWE-829'],
    references: ['https://docs.docker.com/reference/dockerfile/#from'],
    examples: {
      options: { trustedRegistries: ['registry.example.com'] },
      bad: ['FROM node:22\nUSER node\n'],
      good: ['FROM registry.example.com/node:22\nUSER node\n'],
    },
  },
  check(ctx) {
    const trusted = ctx.options.trustedRegistries ?? [];
    if (!trusted.length) return;
    for (const use of externalImages(ctx.model)) {
      if (use.ref.includes('$') || isFromTrustedRegistry(use.ref, trusted)) continue;
      ctx.report({
        start: use.start,
        end: use.end,
        message: `${use.via === 'FROM' ? 'FROM' : 'COPY --from'} takes ${use.ref} from ${imageSource(use.ref)}, which is not in trustedRegistries. Use a trusted registry's copy of it.`,
      });
    }
  },
});
