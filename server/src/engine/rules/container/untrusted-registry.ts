import { containerRule } from '../rule';
import { imageSource, isFromTrustedRegistry, TRUSTED_REGISTRIES } from '../../vocabulary/images';

export const rule = containerRule({
  meta: {
    name: 'untrusted-registry',
    title: 'Image from a registry not on the allow-list',
    severity: 'warning',
    advice: true,
    quadrant: 'supply-chain',
    description:
      'When `trustedRegistries` is set: an `image` from any other registry (or registry path). Off until the option ' +
      'lists at least one registry. Docker Hub images are `docker.io/...` (`redis` is `docker.io/library/redis`); an ' +
      'image with an unresolved variable is not judged, and services that build are their Dockerfile’s.',
    why:
      'A team that runs only images it mirrors and scans loses that guarantee the moment one service pulls from ' +
      'elsewhere: an image from an unvetted registry or account runs with whatever the service grants it.',
    howToFix: TRUSTED_REGISTRIES.howToFix,
    options: { trustedRegistries: TRUSTED_REGISTRIES.option },
    cis: ['4.2'],
    cwe: ['CWE-829'],
    references: ['https://docs.docker.com/reference/compose-file/services/#image'],
    examples: {
      options: { trustedRegistries: ['ghcr.io/acme'] },
      bad: ['services:\n  web:\n    image: nginx:1.27\n'],
      good: ['services:\n  web:\n    image: ghcr.io/acme/nginx:1.27\n'],
    },
    sources: {
      devcontainer: {
        description: 'When `trustedRegistries` is set: an `image` from any other registry.',
        examples: {
          options: { trustedRegistries: ['ghcr.io/acme'] },
          bad: ['{ "image": "mcr.microsoft.com/devcontainers/base:1" }\n'],
          good: ['{ "image": "ghcr.io/acme/devcontainer:1" }\n'],
        },
      },
    },
  },
  check(ctx) {
    const trusted = ctx.options.trustedRegistries ?? [];
    if (!trusted.length) return;
    for (const c of ctx.containers) {
      const e = c.image;
      if (!e || e.value.includes('$') || isFromTrustedRegistry(e.value, trusted)) continue;
      ctx.report({
        at: e,
        message: `${c.subject} runs ${e.value} from ${imageSource(e.value)}, which is not in trustedRegistries. Use a trusted registry's copy of it.`,
      });
    }
  },
});
