import { get, isTrue, text } from '../../sources/compose/effective';
import type { ComposeRule } from '../rule';

export const rule: ComposeRule = {
  meta: {
    id: 'compose/insecure-build',
    kind: 'compose',
    title: 'Insecure build settings',
    severity: 'error',
    quadrant: 'configuration-profile',
    description:
      'Flags `build.privileged: true`, `build.network: host`, and `build.entitlements` that include ' +
      '`security.insecure` or `network.host`.',
    why:
      'These give build steps (which run code from the Dockerfile and from every package it downloads) root on the ' +
      'builder host or its network.',
    howToFix:
      'Remove the setting; build steps that need secrets or network access should use `RUN --mount=type=secret` ' +
      'and the default build network.',
    cwe: ['CWE-250'],
    references: ['https://docs.docker.com/reference/compose-file/build/'],
    examples: {
      bad: [
        'services:\n  app:\n    build:\n      context: .\n      network: host\n',
        'services:\n  app:\n    build:\n      context: .\n      entitlements: [security.insecure]\n',
      ],
      good: ['services:\n  app:\n    build:\n      context: .\n'],
    },
  },
  check(ctx) {
    for (const s of ctx.services) {
      const b = s.config.entries?.get('build');
      if (!b?.value.entries) continue;
      const priv = b.value.entries.get('privileged');
      if (priv && isTrue(priv.value))
        ctx.report({
          at: priv,
          message:
            `Service '${s.name}' builds in privileged mode: build steps get root on the builder host. Remove ` +
            `build.privileged.`,
        });
      const net = b.value.entries.get('network');
      if (net && text(net.value)?.toLowerCase() === 'host')
        ctx.report({
          at: net,
          message:
            `Service '${s.name}' builds on the host network: build steps reach every host interface. Remove ` +
            `build.network: host.`,
        });
      for (const it of get(b.value, 'entitlements')?.items ?? []) {
        const t = text(it)?.toLowerCase();
        if (t === 'security.insecure' || t === 'network.host')
          ctx.report({
            at: it,
            message:
              `Service '${s.name}' grants the build entitlement ${t}: build steps escape the builder's sandbox. ` +
              `Remove it.`,
          });
      }
    }
  },
};
