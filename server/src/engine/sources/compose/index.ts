// The Compose source: compose.yaml and its kin, merged as Compose merges them (override files, documents, `extends`,
// `include`, `.env`), its services adapted to the container model and judged by the Compose rules.
import { isComposeFileName } from './project';
import { aliasProblems, type ParsedYaml } from './yaml';
import { keyText } from './effective';
import type { Source } from '../source';
import * as path from 'node:path';
import { isMap } from 'yaml';
import { checkedFixValues, type Config } from '../../config/config';
import { DirectiveIndex } from '../../config/suppress';
import { yamlDirectives } from './directives';
import { isLegacyCompose, loadProject, ParseCache, servicesMap, untypedVolumes, type ComposeProject } from './project';
import type { Loc } from './effective';
import { devcontainersOfCompose } from '../devcontainer/builds';
import type { Container } from '../../model/container';
import { YamlEditor } from '../../fixes/yamlEdit';
import { makeComposeContext } from '../../rules/composeContext';
import { composeRules } from '../../rules/index';
import { devcontainerContainer } from '../devcontainer/container';
import { pushAll } from '../../text';
import { EMPTY_HOST, type Finding, type LintResult, type ParseProblem } from '../../types';
import { type OptionsOf, type RuleOption } from '../../rules/rule';
import { finish, groupOf, runRules } from '../rules';
import type { LintOptions } from '../source';
import { hasTopLevelServices, looksLikeLegacyCompose, TOP_LEVEL_KEYS } from './recognise';
import { isTemplateName, lintTemplate, renderedName } from '../template';

/** A Compose file's name, or a template's that renders to one (`docker-compose.yml.j2` of an Ansible role). */
export function isComposeName(name: string): boolean {
  const rendered = renderedName(name);
  return isComposeFileName(rendered ?? name);
}

/** A Compose file, or a template of one judged by its literal text (sources/template.ts). */
function lintCompose(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  if (!isTemplateName(file)) return lintComposeText(file, text, opts, config);
  return lintTemplate(file, text, (masked) => lintComposeText(file, masked, opts, config));
}

function lintComposeText(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const host = opts.host ?? EMPTY_HOST;
  const project = loadProject(file, text, host, opts.cache ?? new ParseCache(), config.composeSets);
  const parsed = project.parsed.get(file)!;
  const problems = [...parsed.problems, ...project.problems];
  pushAll(problems, misspeltServices(parsed));
  if (isLegacyCompose(parsed)) {
    problems.push({
      file,
      message:
        'A legacy (version 1) Compose file: services at the top level. Docker retired this format in 2023 ' +
        '(https://docs.docker.com/compose/releases/migrate/); its services are still analysed. Move them under ' +
        '`services:`.',
      range: parsed.index.range(0, 0),
      severity: 'info',
    });
  }
  for (const v of untypedVolumes(parsed)) {
    const [start, end] = v.range ?? [0, 0];
    problems.push({
      file,
      message:
        'A long-syntax volume without `type:` (the Compose specification requires it: bind, volume, tmpfs, npipe ' +
        'or cluster): read as a bind when `source` is a path, else as a named volume. Add `type:`.',
      range: parsed.index.range(start, end),
      severity: 'warning',
    });
  }
  pushAll(problems, aliasProblems(parsed, 'Compose'));
  const findings: Finding[] = [];
  const fixValues = checkedFixValues(config.fixes);
  const origins = new WeakMap<Finding, Loc>();
  // Compose-backed dev containers add to their service's profile (a feature that makes it privileged)
  let devcontainers: Map<string, Container> | undefined;
  const devcontainersOnce = () =>
    (devcontainers ??= new Map(
      [...devcontainersOfCompose(file, host)].map(([service, dc]) => [service, devcontainerContainer(dc)]),
    ));
  // suppression comments are read first: group rules leave out the items a comment silences one by one
  const directives = yamlDirectives(parsed);
  const silenced = opts.inlineIgnores !== false && directives.length ? new DirectiveIndex(directives) : undefined;
  const suppressed = (ruleId: string, at: Loc) =>
    !!silenced?.suppresses({ ruleId, range: parsed.index.range(at.start, at.end) } as Finding);
  if (servicesMap(parsed) || (parsed.doc.contents && isMap(parsed.doc.contents))) {
    const edit = new YamlEditor(parsed);
    const groupItems = new Map<string, Set<string>>();
    for (const rule of composeRules) {
      const g = groupOf(rule.meta, config);
      if (g) (groupItems.get(g) ?? groupItems.set(g, new Set()).get(g)!).add(rule.meta.id);
    }
    runRules(
      composeRules,
      (rule, out, options) =>
        makeComposeContext<OptionsOf<Record<string, RuleOption>>>(
          rule.meta,
          file,
          project,
          parsed,
          edit,
          options,
          fixValues,
          out,
          {
            host,
            profile: config.profile,
            grouped: !!groupOf(rule.meta, config),
            groupItems: groupItems.get(rule.meta.id),
            origins,
            suppressed,
            devcontainers: devcontainersOnce,
          },
        ),
      { file, config, opts, findings, problems },
    );
  }
  const kept = config.profile === 'recommended' ? oncePerOrigin(findings, origins, project, file) : findings;
  const result = finish(file, 'compose', kept, problems, directives, parsed.index, opts, config);
  if (project.includes.length) result.includes = project.includes;
  return result;
}

/**
 * `recommended`: a value that several services inherit from one anchor or `extends` base is one finding (per rule
 * and origin), at the first service that brings it in, naming the others and pointing at where they bring it in.
 */
function oncePerOrigin(
  findings: Finding[],
  origins: WeakMap<Finding, Loc>,
  project: ComposeProject,
  file: string,
): Finding[] {
  const buckets = new Map<string, Finding[]>();
  for (const f of findings) {
    const o = origins.get(f);
    if (!o) continue;
    const key = `${f.ruleId}\u0000${o.file}\u0000${o.start}\u0000${o.end}`;
    const b = buckets.get(key);
    if (b) b.push(f);
    else buckets.set(key, [f]);
  }
  const dropped = new Set<Finding>();
  let spans: { start: number; end: number; name: string }[] | undefined;
  const serviceAt = (offset: number) => {
    spans ??= project.services.flatMap((s) => {
      const r = s.own.get(file)?.node.range;
      return r ? [{ start: r[0], end: r[1], name: s.name }] : [];
    });
    return spans.find((x) => x.start <= offset && offset <= x.end)?.name;
  };
  for (const b of buckets.values()) {
    if (b.length < 2) continue;
    b.sort((x, y) => x.start - y.start);
    const [first, ...rest] = b;
    const each = rest.map((f) => serviceAt(f.start));
    const names = each.filter((n): n is string => n !== undefined);
    first.message += ` The same value reaches ${names.length ? `service${names.length > 1 ? 's' : ''} ${names.map((n) => `'${n}'`).join(', ')}` : `${rest.length} more place${rest.length > 1 ? 's' : ''}`} from one origin: reported once.`;
    first.related = [
      ...(first.related ?? []),
      ...rest.map((f, i) => ({
        file,
        range: f.range,
        message: each[i] ? `also brought into '${each[i]}' here` : 'also brought in here',
      })),
    ];
    for (const f of rest) dropped.add(f);
  }
  return dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
}

export const composeSource: Source = {
  kind: 'compose',
  byName: (file) => isComposeName(path.basename(file)),
  byContent: (file, text) =>
    hasTopLevelServices(text) || (/\.ya?ml$/i.test(path.basename(file)) && looksLikeLegacyCompose(text)),
  lint: lintCompose,
};

/**
 * A file without `services` whose top level has a key that is a misspelling of it (`service:`, `Services:`,
 * `servcies:`): Compose rejects the file, and the services under that key would go unjudged without a word.
 */
function misspeltServices(parsed: ParsedYaml): ParseProblem[] {
  const top = parsed.doc.contents;
  // a legacy (version 1) file has its services at the top: a service may be called `service`
  if (!isMap(top) || top.has('services') || isLegacyCompose(parsed)) return [];
  for (const p of top.items) {
    const k = keyText(p);
    if (k === undefined || TOP_LEVEL_KEYS.has(k) || k.startsWith('x-')) continue;
    if (k.toLowerCase() === 'services' || withinTwoEdits(k.toLowerCase(), 'services')) {
      const key = p.key as { range?: [number, number, number] };
      return [
        {
          file: parsed.path,
          message:
            `The top-level key '${k}' is not one Compose knows; it looks like 'services'. Compose rejects the ` +
            `file, and what is under it was not analysed. Spell it 'services'.`,
          range: parsed.index.range(key.range?.[0] ?? 0, key.range?.[1] ?? 0),
          severity: 'error',
        },
      ];
    }
  }
  return [];
}

/** Is `a` at most two insertions, deletions or substitutions from `b` (short words: a bounded table)? */
function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2 || a.length > 32) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] <= 2;
}
