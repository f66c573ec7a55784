// Rule documentation and the configuration schema, generated from the rule registry so they cannot drift.
import { renderPeersPage } from './peersDoc';
import { FILE_CONTEXTS } from './context';
import { allMeta, allRules } from './rules/index';
import { DEFAULT_FIX_VALUES, docsUrl, type RuleMeta } from './rules/rule';
import { MAX_LIST_ITEMS, MAX_MAX_FILE_SIZE } from './config/config';
import { PROFILES } from './types';

const QUADRANT: Record<RuleMeta['quadrant'], string> = {
  'namespaces-cgroups': 'Namespaces and cgroups',
  daemon: 'The Docker daemon',
  'configuration-profile': 'Configuration profile',
  capabilities: 'Capabilities',
  'supply-chain': 'Image supply chain',
};

function fixText(m: RuleMeta): string {
  if (!m.fixes) return 'No automatic fix: the right change depends on what the service needs.';
  const out: string[] = [];
  if (m.fixes.safe) out.push(`- **Safe** (applied by fix-all and \`--fix\`): ${m.fixes.safe}`);
  if (m.fixes.unsafe)
    out.push(`- **Unsafe** (offered one by one in the editor, never applied in bulk): ${m.fixes.unsafe}`);
  return out.join('\n');
}

/** What the rule does in each profile, from its metadata (profiles, group, the rules grouped into it). */
export function profileText(m: RuleMeta): string {
  const sev = (p: 'recommended' | 'strict') => m.profiles?.[p] ?? m.severity;
  const items = allMeta.filter((x) => x.group === m.id).map((x) => `\`${x.id}\``);
  const lines: string[] = [];
  if (items.length)
    lines.push(
      `- **recommended** (the default): ${sev('recommended')}. One finding per service for what ${items.join(', ')} ` +
        `would report one by one as missing; an item whose rule the config configures (\`off\` or a severity) is ` +
        `left to that rule.`,
      `- **strict**: ${sev('strict')}; ${items.join(', ')} report each missing item on their own.`,
    );
  else if (m.group)
    lines.push(
      `- **recommended** (the default): ${sev('recommended')}, but what it would report as missing is part of ` +
        `\`${m.group}\`'s one finding per service, unless the config sets this rule's severity (then it reports ` +
        `on its own, and \`${m.group}\` leaves it out). What it reports otherwise (a value that weakens or is no ` +
        `limit) it reports itself.`,
      `- **strict**: ${sev('strict')}, every finding on its own.`,
    );
  else
    lines.push(
      `- **recommended** (the default): ${sev('recommended')}.` +
        (m.kind === 'compose'
          ? ' A value several services inherit from one anchor or `extends` base is reported once, at the first ' +
            'service, naming the others.'
          : ''),
      `- **strict**: ${sev('strict')}, every finding on its own.`,
    );
  if (m.id.startsWith('meta/')) return lines.join('\n');
  if (sev('recommended') !== 'off')
    lines.push(
      m.advice
        ? '- **In context** (recommended): routine advice, not reported in test/CI and development files (see ' +
            "the README's *Contexts*); a severity the config sets applies everywhere."
        : '- **In context** (recommended): in test/CI files reported at info, with the context in the message ' +
            "(a throwaway container still runs with these rights on the job's machine); kept in development files.",
    );
  return lines.join('\n');
}

/**
 * The code block's language for an example (a command-line rule's examples are scripts, or workflows; a daemon
 * rule's may be a script).
 */
function lang(m: RuleMeta, example: string): string {
  if (m.kind === 'run') return example.startsWith('jobs:') ? 'yaml' : 'sh';
  if (m.kind === 'daemon' && example.startsWith('#!')) return 'sh';
  return m.kind === 'dockerfile'
    ? 'dockerfile'
    : m.kind === 'devcontainer'
      ? 'jsonc'
      : m.kind === 'daemon'
        ? 'json'
        : 'yaml';
}

/** The same runtime rule for the other sources (compose/, devcontainer/, run/<name>), linked from each page. */
function siblings(m: RuleMeta): string[] {
  const name = m.id.slice(m.id.indexOf('/') + 1);
  const others = allMeta.filter((x) => x.id !== m.id && x.id.endsWith(`/${name}`) && x.kind !== 'dockerfile');
  if (m.kind === 'dockerfile' || !others.length) return [];
  return [
    `One check of the container's profile, run on every file that declares one: ` +
      `${others.map((x) => `[\`${x.id}\`](../${x.id}.md)`).join(', ')} for the others. Each source has its own ` +
      `id, so that a project can configure it for one and not the other.`,
    '',
  ];
}

export function renderRuleDoc(m: RuleMeta): string {
  const refs = [
    ...(m.cis ?? []).map((c) => `- CIS Docker Benchmark ${c}`),
    ...(m.cwe ?? []).map((c) => `- [${c}](https://cwe.mitre.org/data/definitions/${c.replace('CWE-', '')}.html)`),
    ...m.references.map((r) => `- <${r}>`),
  ];
  const opts = Object.entries(m.options ?? {});
  return [
    `<!-- Generated from the rule registry by \`npm run docs\`; edit the rule's meta instead. -->`,
    `# ${m.id}: ${m.title}`,
    '',
    `| Severity | Protects | Fix |`,
    `| --- | --- | --- |`,
    `| ${m.severity} | ${QUADRANT[m.quadrant]} | ${m.fixes?.safe ? 'safe' : m.fixes?.unsafe ? 'unsafe' : 'none'} |`,
    '',
    '## What it flags',
    '',
    m.description,
    '',
    ...siblings(m),
    '## Why it matters',
    '',
    m.why,
    '',
    ...(m.examples.bad.length
      ? [
          '## Flagged',
          '',
          ...(m.examples.options
            ? [
                'With the rule configured in `.docker-security-lint.yaml`:',
                '',
                '```yaml',
                `rules:\n  ${m.id}:\n` +
                  Object.entries(m.examples.options)
                    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
                    .join('\n'),
                '```',
                '',
              ]
            : []),
          ...(m.examples.files
            ? [
                `With these files beside it: ${Object.keys(m.examples.files)
                  .map((f) => `\`${f}\``)
                  .join(', ')}.`,
                '',
              ]
            : []),
          ...m.examples.bad.flatMap((e) => ['```' + lang(m, e), e.trimEnd(), '```', '']),
        ]
      : []),
    ...(m.examples.good.length
      ? ['## Not flagged', '', ...m.examples.good.flatMap((e) => ['```' + lang(m, e), e.trimEnd(), '```', ''])]
      : []),
    '## How to fix',
    '',
    m.howToFix,
    '',
    '## Automatic fixes',
    '',
    fixText(m),
    '',
    '## Profiles',
    '',
    profileText(m),
    '',
    ...(opts.length
      ? [
          '## Options',
          '',
          'In `.docker-security-lint.yaml`:',
          '',
          '```yaml',
          'rules:',
          `  ${m.id}:`,
          `    severity: ${m.severity}`,
          ...opts.map(([k]) => `    ${k}: []`),
          '```',
          '',
          ...opts.map(([k, o]) => `- \`${k}\` (${o.type}): ${o.description}`),
          '',
        ]
      : []),
    '## Suppressing',
    '',
    ...(m.kind === 'daemon'
      ? [
          'daemon.json takes no comments (dockerd refuses them): turn the rule off for the file in',
          '`.docker-security-lint.yaml` (`rules:` or `exclude:`) instead. On a command line (a script, a Makefile',
          'recipe, a CI step) and in a systemd unit, a comment above the line:',
          '',
          '```',
          `# docker-security-lint ignore=${m.id} -- why this is acceptable here`,
          '```',
        ]
      : [
          '```',
          `${m.kind === 'devcontainer' ? '//' : '#'} docker-security-lint ignore=${m.id} -- why this is acceptable here`,
          '```',
        ]),
    '',
    ...(refs.length ? ['## References', '', ...refs, ''] : []),
  ].join('\n');
}

export function renderRulesIndex(): string {
  const profiles = (m: RuleMeta) =>
    PROFILES.filter((p) => (m.profiles?.[p] ?? m.severity) !== 'off')
      .map((p) => (p === 'recommended' && m.group ? `recommended (as ${m.group})` : p))
      .join(', ');
  const rows = allMeta.map(
    (m) =>
      `| [${m.id}](${m.id}.md) | ${m.title} | ${m.severity} | ${profiles(m)} | ${QUADRANT[m.quadrant]} | ` +
      `${m.fixes?.safe ? 'safe' : m.fixes?.unsafe ? 'unsafe' : '-'} |`,
  );
  return [
    '<!-- Generated from the rule registry by `npm run docs`. -->',
    '# Rules',
    '',
    `${allRules.length} rules and ${allMeta.length - allRules.length} meta rules about suppression comments. ` +
      `Severities are defaults; change them in \`.docker-security-lint.yaml\` or the VS Code settings. ` +
      `hadolint, dclint, Trivy, Checkov, KICS and compose-lint ids and ours: [peers.md](peers.md) ` +
      `(hadolint's and dclint's ignore comments are read too).`,
    '',
    '| Rule | Title | Severity | Profiles | Protects | Fix |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...cisCoverage(),
  ].join('\n');
}

/** Which CIS Docker Benchmark items the rules check (from their metadata), and what cannot be judged from files. */
function cisCoverage(): string[] {
  const byItem = new Map<string, string[]>();
  for (const m of allMeta) for (const c of m.cis ?? []) byItem.set(c, [...(byItem.get(c) ?? []), m.id]);
  const num = (c: string) => c.split('.').map(Number);
  const items = [...byItem.keys()].sort((a, b) => {
    const [x, y] = [num(a), num(b)];
    return x[0] - y[0] || (x[1] ?? 0) - (y[1] ?? 0);
  });
  return [
    '## CIS Docker Benchmark coverage',
    '',
    'The items of sections 2 (daemon configuration), 3 (daemon configuration files), 4 (images and build files) ' +
      'and 5 (container runtime) that a ' +
      "rule checks, from the rules' metadata (numbering of the benchmark's 1.x versions):",
    '',
    '| Item | Rules |',
    '| --- | --- |',
    ...items.map(
      (c) =>
        `| ${c} | ${byItem
          .get(c)!
          .map((id) => `[${id}](${id}.md)`)
          .join(', ')} |`,
    ),
    '',
    'Not judged from files, because they depend on the running host or registry rather than on what a ' +
      'repository declares: section 1 (host configuration, auditing), section 3 (ownership and permissions of ' +
      "the daemon's files on the host), image trust and scanning at pull time, what a running " +
      'container actually does (5.x items about processes, `docker exec`, restarts observed at run time), and ' +
      'section 6/7 (operations, Swarm).',
    '',
    '## Checks of other tools, judged',
    '',
    'Every security check of hadolint, KICS, Trivy, Checkov, Semgrep, Docker build checks, dclint and compose-lint ' +
      'has a rule here, in `recommended` or only in `strict` (the Profiles column above), ' +
      'with these deliberate limits:',
    '',
    '- **Keys fetched for package signing.** `curl https://... | apt-key add -` and `gpg --recv-keys` with a full ' +
      '40-digit fingerprint are not flagged: HTTPS authenticates the server, and gpg checks that the key it ' +
      'receives has the fingerprint asked for. Keys over plain HTTP and short key ids are ' +
      '([dockerfile/insecure-download](dockerfile/insecure-download.md)).',
    '- **`http://` package repositories** (`deb http://...`, `apk --repository http://...`) are not flagged: apt ' +
      'and apk verify the signatures of what they fetch. Turning that verification off is ' +
      '([dockerfile/verification-disabled](dockerfile/verification-disabled.md)).',
    '- **Pinning** (digests, package versions), **health checks**, privileged host ports, `--no-install-recommends`, ' +
      '`apt-get update` alone and tmpfs `exec` are `strict` only: advice a team opts into, with a cost (pins must ' +
      'be kept current to get security fixes), not grants of host access.',
    '- **Registry allow-lists** report nothing until `trustedRegistries` is configured: which registries a team ' +
      'trusts is its decision.',
    '- **Privileged ports and health checks** are judged on Compose services only, not on `docker run` lines in ' +
      'scripts or dev containers, which are not deployments.',
    '',
  ];
}

export function configSchema(): object {
  const severity = { enum: ['off', 'error', 'warning', 'info', 'hint'] };
  const ruleProps: Record<string, object> = {};
  for (const m of allMeta) {
    const options: Record<string, object> = { severity };
    for (const [k, o] of Object.entries(m.options ?? {}))
      options[k] = { type: 'array', items: { type: 'string' }, maxItems: MAX_LIST_ITEMS, description: o.description };
    ruleProps[m.id] = {
      description: `${m.title} (default: ${m.severity})`,
      oneOf: [severity, { type: 'object', properties: options, additionalProperties: false }],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/docker-security-lint/docker-security-lint/schemas/config.schema.json',
    title: 'docker-security-lint configuration (.docker-security-lint.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        type: 'object',
        description: 'Severity (off, error, warning, info) or { severity, ...options } per rule id.',
        properties: ruleProps,
        additionalProperties: false,
      },
      exclude: {
        type: 'array',
        items: { type: 'string', maxLength: 1000 },
        maxItems: MAX_LIST_ITEMS,
        description: 'Glob patterns (relative to this file) of files not to lint.',
      },
      contexts: {
        type: 'object',
        additionalProperties: false,
        description:
          'Which files are of which context (globs relative to this file), checked before the built-in folder and ' +
          'name rules. In the recommended profile, test-ci files report grants at info and no routine advice, ' +
          'development files no routine advice; third-party files are not walked.',
        properties: Object.fromEntries(
          FILE_CONTEXTS.map((c) => [
            c,
            { type: 'array', items: { type: 'string', minLength: 1, maxLength: 1000 }, maxItems: MAX_LIST_ITEMS },
          ]),
        ),
      },
      ownImages: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 1000 },
        maxItems: MAX_LIST_ITEMS,
        description:
          "The project's own images (`ghcr.io/acme/*`, `acme/api`): the image-pinning rules do not judge them as " +
          'unpinned third-party images (the default of their ownImages option).',
      },
      fixes: {
        type: 'object',
        additionalProperties: false,
        description: 'Values used by fixes that must choose one.',
        properties: {
          memory: {
            type: 'string',
            pattern: '^\\d{1,12}(\\.\\d{1,6})?[bkmgBKMG]?[bB]?$',
            default: DEFAULT_FIX_VALUES.memory,
          },
          cpus: { type: ['string', 'number'], default: DEFAULT_FIX_VALUES.cpus },
          pids: { type: 'integer', minimum: 1, default: DEFAULT_FIX_VALUES.pids },
          user: {
            type: 'string',
            pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?$',
            default: DEFAULT_FIX_VALUES.user,
          },
        },
      },
      maxFileSize: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_MAX_FILE_SIZE,
        description:
          'Files larger than this many bytes are skipped (default 2 MiB), and so are files they refer to (extends, ' +
          'include, override files).',
      },
      skipped: {
        enum: ['error', 'warn', 'ignore'],
        default: 'error',
        description:
          "How the CLI's exit code counts a file it could not analyse (too large, not a regular file, unreadable) or not " +
          'read completely (a problem at error: a syntax error, an alias or a document not read, a file outside the ' +
          'repository): ' +
          'as an error (default), a warning, or not at all.',
      },
      profile: {
        enum: ['recommended', 'strict'],
        default: 'recommended',
        description:
          'recommended: every active grant, missing limits as one finding per service, hardening advice as one hint ' +
          'per service; strict: every rule on its own.',
      },
      baseline: {
        type: 'string',
        description:
          'A baseline file written by --write-baseline, relative to this file: its findings are not reported by the ' +
          'CLI and are shown as hints in the editor.',
      },
      compose: {
        type: 'object',
        additionalProperties: false,
        properties: {
          files: {
            type: 'array',
            description:
              'The sets of Compose files your deployment merges (`docker compose -f base -f overlay`), each in ' +
              'merge order, paths relative to this file. A file in a set is analysed with its set; other files ' +
              'follow Compose defaults (a base merges its default override only).',
            items: { type: 'array', minItems: 1, maxItems: 32, items: { type: 'string' } },
          },
        },
      },
    },
  };
}

/**
 * The `docker-security-lint.rules` setting's known properties (one per rule, its severities as an enum), so that the
 * Settings UI can edit it; `npm run docs` writes them into package.json, a test checks they are current.
 */
export function ruleSettingProperties(): Record<
  string,
  { type: 'string'; enum: string[]; markdownDescription: string }
> {
  const out: Record<string, { type: 'string'; enum: string[]; markdownDescription: string }> = {};
  for (const m of [...allMeta].sort((a, b) => a.id.localeCompare(b.id)))
    out[m.id] = {
      type: 'string',
      enum: ['off', 'error', 'warning', 'info', 'hint'],
      markdownDescription: `${m.title} (default: ${m.severity}). [Documentation](${docsUrl(m.id)})`,
    };
  return out;
}

/** Every generated file: path relative to the repository root -> content. */
export function generatedFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of allMeta) out.set(`docs/rules/${m.id}.md`, renderRuleDoc(m));
  out.set('docs/rules/README.md', renderRulesIndex());
  out.set('docs/rules/peers.md', renderPeersPage());
  out.set('schemas/config.schema.json', JSON.stringify(configSchema(), null, 2) + '\n');
  return out;
}
