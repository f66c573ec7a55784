// Running the rules: lint(text) -> findings and problems. Pure: file access goes through Host. The kind of a file
// (kind.ts), its suppression comments (config/directives.ts) and the rules (rules/index.ts) live elsewhere.
import * as path from 'node:path';
import { isMap } from 'yaml';
import { checkedFixValues, defaultConfig, type Config } from './config/config';
import { DirectiveIndex, isSuppressed, type Directive } from './config/suppress';
import { dockerfileDirectives, jsoncDirectives, yamlDirectives } from './config/directives';
import { detectKind, skipReason } from './kind';
import {
  isLegacyCompose,
  loadProject,
  ParseCache,
  servicesMap,
  untypedVolumes,
  type ComposeProject,
} from './model/compose/project';
import type { Loc } from './model/compose/effective';
import { parseDockerfile, type DockerfileModel } from './model/dockerfile/model';
import { composeUsers, type ComposeUse } from './model/builds';
import { devcontainersOfCompose, devcontainerUsers, type DevcontainerUse } from './model/devcontainer/builds';
import type { Container } from './model/container';
import { readContext, type BuildContext } from './model/dockerfile/context';
import { YamlEditor } from './fixes/yamlEdit';
import { makeComposeContext } from './rules/composeContext';
import { makeDockerfileContext } from './rules/dockerfileContext';
import {
  composeRules,
  daemonRules,
  devcontainerRules,
  dockerfileRules,
  metaRuleModules,
  runRules as commandLineRules,
} from './rules/index';
import {
  gitlabScripts,
  mayStartContainers,
  mentionsEngine,
  runForm,
  shellParts,
  workflowOf,
  type RunForm,
  type ShellPart,
} from './model/run/sources';
import { commandLineContainers, commandLineDaemons, workflowContainer } from './rules/sources/commandLine';
import { makeSpanContext } from './rules/containerContext';
import { parseShell, shellCommands, type Command, type Span } from './model/shell/parse';
import { hashDirectives } from './config/directives';
import { parseYaml, type ParsedYaml } from './model/compose/yaml';
import { shellOf } from './model/dockerfile/model';
import { readDaemonJson, readDockerUnit, type DaemonConfig } from './model/daemon/config';
import { makeDaemonContext } from './rules/daemonContext';
import { parseJsonc, trailingCommas } from './model/devcontainer/parse';
import { devcontainerContainer } from './rules/sources/devcontainer';
import { LineIndex, printable, pushAll } from './text';
import { isInside, relativeSlashed } from './vocabulary/paths';
import { ZERO_RANGE } from './problems';
import {
  EMPTY_HOST,
  type Finding,
  type Host,
  type Kind,
  type LintResult,
  type ParseProblem,
  type Severity,
} from './types';
import { onFixError, type OptionsOf, type RuleMeta, type RuleOption } from './rules/rule';

export interface LintOptions {
  host?: Host;
  cache?: ParseCache;
  config?: Config;
  /** Force the kind instead of deciding by name/content. */
  kind?: Kind;
  /** Honour `# docker-security-lint ignore=` comments (default true). */
  inlineIgnores?: boolean;
  /** Report ignores without `-- reason` as meta/ignore-without-reason. */
  requireIgnoreReason?: boolean;
  /** Report ignores that suppress nothing as meta/unused-ignore (default true). */
  reportUnusedIgnores?: boolean;
  /** Only run these rules (tests). */
  onlyRules?: string[];
  /** Called when a rule throws; the rest of the findings are still returned. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export function lint(file: string, text: string, opts: LintOptions = {}): LintResult {
  return inert(lintRecording(file, text, opts));
}

/**
 * Messages quote the repository's text (service names, values, paths): control characters, line separators and
 * bidirectional controls in them are written as escapes here, once for every output (a terminal, a CI log where a
 * line can be a workflow command, the editor).
 */
function inert(r: LintResult): LintResult {
  for (const f of r.findings) {
    f.message = printable(f.message);
    for (const rel of f.related ?? []) rel.message = printable(rel.message);
  }
  for (const p of r.problems) p.message = printable(p.message);
  return r;
}

/**
 * Lints with the host's reads recorded (result.dependencies) and contained: nothing outside the top folder of the
 * linted file (the repository or workspace folder) is read or listed for it (`extends.file: /etc/passwd`,
 * `build.context: /`, `env_file: ../../.aws/credentials`), nor linted as an `include`. What was not read for that
 * reason, or because the host refused it (a link that leads outside, too large, not a regular file), makes the
 * analysis incomplete: an error problem on the file that names the path as written, never what it holds.
 */
function lintRecording(file: string, text: string, opts: LintOptions): LintResult {
  if (!opts.host) return lintWith(file, text, opts);
  const host = opts.host;
  const top = host.top?.(file);
  const deps = new Set<string>();
  const refused = new Map<string, string>();
  const outside = (p: string) => top !== undefined && !isInside(path.resolve(p), top);
  const checked = (p: string) => {
    const why = host.refusal?.(p);
    if (why) refused.set(p, why);
  };
  const recording: Host = {
    readFile: (p) => {
      if (p === file) return host.readFile(p);
      deps.add(p);
      if (outside(p)) {
        refused.set(p, 'outside the repository; not read');
        return undefined;
      }
      const t = host.readFile(p);
      if (t === undefined) checked(p);
      return t;
    },
    listDir: host.listDir
      ? (d) => {
          deps.add(d.endsWith(path.sep) ? d : d + path.sep);
          if (outside(d)) {
            refused.set(d, 'outside the repository; not listed');
            return undefined;
          }
          const entries = host.listDir!(d);
          if (!entries) checked(d);
          return entries;
        }
      : undefined,
    top: host.top ? (f) => host.top!(f) : undefined,
  };
  const result = lintWith(file, text, { ...opts, host: recording });
  if (deps.size) result.dependencies = [...deps];
  if (result.includes && top !== undefined) {
    for (const inc of result.includes) if (outside(inc)) refused.set(inc, 'outside the repository; not linted');
    result.includes = result.includes.filter((inc) => !outside(inc));
  }
  const shown = (p: string) => (top !== undefined ? relativeSlashed(top, p) || '.' : p);
  for (const [p, why] of [...refused].slice(0, 20))
    result.problems.push({
      file,
      message: `${shown(p)}: ${why}. What it holds is not analysed: the result is incomplete`,
      range: ZERO_RANGE,
      severity: 'error',
    });
  return result;
}

function lintWith(file: string, text: string, opts: LintOptions): LintResult {
  const config = opts.config ?? defaultConfig();
  const reason = skipReason(text, config.maxFileSize);
  const zero = ZERO_RANGE;
  if (reason)
    return {
      file,
      kind: 'skipped',
      findings: [],
      problems: [{ file, message: `Skipped: ${reason}`, range: zero, severity: 'warning' }],
    };
  const kind = opts.kind ?? detectKind(file, text, true);
  // another tool's daemon.json (the walk finds every file of that name): not ours, and nothing to say about it
  if (!kind && path.basename(file) === 'daemon.json') return { file, kind: 'unknown', findings: [], problems: [] };
  if (!kind)
    return {
      file,
      kind: 'unknown',
      findings: [],
      problems: [
        {
          file,
          message:
            'Not a Dockerfile, Compose file, devcontainer.json, daemon configuration or script (no FROM, no ' +
            'top-level services, no sh/bash shebang)',
          range: zero,
          severity: 'info',
        },
      ],
    };
  if (kind === 'devcontainer') return lintDevcontainer(file, text, opts, config);
  if (kind === 'daemon') return lintDaemon(file, text, opts, config);
  if (kind === 'run') return lintRun(file, text, opts, config);
  return kind === 'compose' ? lintCompose(file, text, opts, config) : lintDockerfile(file, text, opts, config);
}

/** The rule's severity under this config: the config's setting, else the profile's, else the rule's own. */
function enabled(meta: RuleMeta, config: Config, only?: string[]): Severity | undefined {
  if (only && !only.includes(meta.id)) return undefined;
  const s = config.rules[meta.id]?.severity ?? meta.profiles?.[config.profile] ?? meta.severity;
  return s === 'off' ? undefined : s;
}

/** The group rule that reports this rule's "missing setting" findings under this config, if any. */
function groupOf(meta: RuleMeta, config: Config): string | undefined {
  return config.profile === 'recommended' && meta.group && config.rules[meta.id]?.severity === undefined
    ? meta.group
    : undefined;
}

function runRule(id: string, fn: () => void, problems: ParseProblem[], file: string, opts: LintOptions): void {
  try {
    fn();
  } catch (e) {
    ruleFailed(id, e, 'other rules still ran', problems, file, opts);
  }
}

/** A rule, or one of its fixes, threw: an error on the file (the CLI exits 2 on it) and the caller is told. */
function ruleFailed(
  id: string,
  e: unknown,
  what: string,
  problems: ParseProblem[],
  file: string,
  opts: LintOptions,
): void {
  opts.onRuleError?.(id, e);
  problems.push({
    file,
    message: `Internal error in rule ${id}: ${e instanceof Error ? e.message : String(e)} (${what})`,
    range: ZERO_RANGE,
    severity: 'error',
  });
}

/** Takes a rule's findings at their configured severity; a fix that throws when computed is reported too. */
function keep(
  out: Finding[],
  sev: Severity,
  meta: RuleMeta,
  findings: Finding[],
  problems: ParseProblem[],
  file: string,
  opts: LintOptions,
): void {
  for (const f of out) {
    if (sev !== meta.severity) f.severity = sev;
    onFixError(f, (e) => ruleFailed(meta.id, e, 'its fix is not offered', problems, file, opts));
    findings.push(f);
  }
}

type Options = Readonly<Record<string, unknown>>;

/**
 * Runs each rule the config enables, with the context `contextOf` makes for it (its findings go to `out`), and
 * keeps its findings at their configured severity; a rule that throws is a problem on the file.
 */
function runRules<R extends { meta: RuleMeta; check(ctx: never): void }>(
  rules: readonly R[],
  contextOf: (rule: R, out: Finding[], options: Options) => Parameters<R['check']>[0],
  run: { file: string; config: Config; opts: LintOptions; findings: Finding[]; problems: ParseProblem[] },
): void {
  const { file, config, opts, findings, problems } = run;
  for (const rule of rules) {
    const sev = enabled(rule.meta, config, opts.onlyRules);
    if (!sev) continue;
    const out: Finding[] = [];
    const ctx = contextOf(rule, out, config.rules[rule.meta.id]?.options ?? {});
    runRule(rule.meta.id, () => rule.check(ctx), problems, file, opts);
    keep(out, sev, rule.meta, findings, problems, file, opts);
  }
}

function lintCompose(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const host = opts.host ?? EMPTY_HOST;
  const project = loadProject(file, text, host, opts.cache ?? new ParseCache(), config.composeSets);
  const parsed = project.parsed.get(file)!;
  const problems = [...parsed.problems, ...project.problems];
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
  pushAll(problems, unresolvedAliases(parsed, 'Compose'));
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

/** An error on each alias that refers to no anchor before it (in every document): what it stands for is unknown. */
function unresolvedAliases(file: ParsedYaml, reader: string): ParseProblem[] {
  return [file, ...file.more].flatMap((parsed) =>
    parsed.unresolvedAliases().map((a) => {
      const [start, end] = a.range ?? [0, 0];
      return {
        file: file.path,
        message: `YAML alias *${a.source} refers to no anchor defined before it: ${reader} rejects the file, and values through it are not analysed`,
        range: parsed.index.range(start, end),
        severity: 'error' as const,
      };
    }),
  );
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

function lintDockerfile(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  let model: DockerfileModel;
  try {
    model = parseDockerfile(file, text);
  } catch (e) {
    const zero = ZERO_RANGE;
    return {
      file,
      kind: 'dockerfile',
      findings: [],
      problems: [
        {
          file,
          message: `Could not parse the Dockerfile: ${e instanceof Error ? e.message : String(e)}`,
          range: zero,
          severity: 'error',
        },
      ],
    };
  }
  const problems = [...model.problems];
  const findings: Finding[] = [];
  const fixValues = checkedFixValues(config.fixes);
  let users: ComposeUse[] | undefined;
  const composeUsersOnce = () =>
    (users ??= opts.host ? composeUsers(file, opts.host, opts.cache ?? new ParseCache(), config.composeSets) : []);
  let dcUsers: DevcontainerUse[] | undefined;
  const devcontainerUsersOnce = () => (dcUsers ??= opts.host ? devcontainerUsers(file, opts.host) : []);
  let contexts: BuildContext[] | undefined;
  const buildContextsOnce = () => {
    if (contexts) return contexts;
    const host = opts.host;
    if (!host) return (contexts = []);
    const dirs = new Set([
      ...composeUsersOnce().map((u) => u.build.context),
      ...devcontainerUsersOnce().map((u) => u.build.context),
    ]);
    if (!dirs.size) dirs.add(path.dirname(file));
    contexts = [...dirs].flatMap((d) => readContext(d, file, host) ?? []);
    for (const c of contexts)
      if (c.incomplete)
        problems.push({
          file,
          message: `The build context's ignore file was not read completely (${c.incomplete}): files it lets into the image are not all known`,
          range: ZERO_RANGE,
          severity: 'error',
        });
    return contexts;
  };
  runRules(
    dockerfileRules,
    (rule, out, options) =>
      makeDockerfileContext<OptionsOf<Record<string, RuleOption>>>(
        rule.meta,
        file,
        model,
        options,
        fixValues,
        out,
        composeUsersOnce,
        buildContextsOnce,
        devcontainerUsersOnce,
      ),
    { file, config, opts, findings, problems },
  );
  // a build step that starts a container (`RUN docker run --privileged ...`)
  if (mentionsEngine(text)) {
    const containers = readingCommandLines(file, problems, () =>
      model.instructions
        .filter((i) => i.keyword === 'RUN')
        .flatMap((i) => commandLineContainers(file, text, model.index, shellOf(model, i))),
    );
    runCommandLineRules(file, model.index, containers, config, opts, findings, problems);
  }
  return finish(file, 'dockerfile', findings, problems, dockerfileDirectives(model), model.index, opts, config);
}

/** Runs the daemon rules on one daemon's configuration. */
function runDaemonRules(
  daemon: DaemonConfig,
  config: Config,
  opts: LintOptions,
  findings: Finding[],
  problems: ParseProblem[],
): void {
  runRules(
    daemonRules,
    (rule, out, options) =>
      makeDaemonContext<OptionsOf<Record<string, RuleOption>>>(rule.meta, daemon, options, config.profile, out),
    { file: daemon.file, config, opts, findings, problems },
  );
}

function lintDaemon(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const unit = path.extname(file) !== '.json';
  const daemon = unit ? readDockerUnit(file, text) : readDaemonJson(file, text);
  const problems: ParseProblem[] = [];
  const findings: Finding[] = [];
  if (!unit) {
    const parsed = daemon?.parsed;
    // dockerd reads strict JSON: a comment or a trailing comma stops it from starting
    for (const p of parsed?.problems ?? []) problems.push(p);
    if (parsed?.comments.length)
      problems.push({
        file,
        message: 'dockerd reads daemon.json as strict JSON: it refuses to start with comments in it',
        range: parsed.index.range(parsed.comments[0].start, parsed.comments[0].end),
        severity: 'warning',
      });
    if (parsed)
      for (const at of trailingCommas(text).slice(0, 20))
        problems.push({
          file,
          message:
            'dockerd reads daemon.json as strict JSON: it refuses to start with a comma before a closing bracket',
          range: parsed.index.range(at, at + 1),
          severity: 'warning',
        });
  }
  if (daemon) runDaemonRules(daemon, config, opts, findings, problems);
  // no suppression comments in daemon.json, which takes none (the config file's rules and exclude do that job); a
  // systemd unit's are `#` lines
  const index = daemon?.index ?? new LineIndex(text);
  return finish(file, 'daemon', findings, problems, unit ? hashDirectives(text, index) : [], index, opts, config);
}

function lintDevcontainer(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const parsed = parseJsonc(file, text);
  const problems = [...parsed.problems];
  const findings: Finding[] = [];
  if (parsed.root?.type === 'object') {
    const container = devcontainerContainer(parsed);
    const fixValues = checkedFixValues(config.fixes);
    runRules(
      devcontainerRules,
      (rule, out, options) =>
        makeSpanContext(rule.meta, file, parsed.index, [container], options, fixValues, config.profile, out),
      { file, config, opts, findings, problems },
    );
  } else if (parsed.root) {
    problems.push({
      file,
      message: 'A devcontainer.json holds one JSON object: this one is not analysed',
      range: parsed.index.range(parsed.root.offset, parsed.root.offset + parsed.root.length),
      severity: 'warning',
    });
  }
  return finish(file, 'devcontainer', findings, problems, jsoncDirectives(parsed), parsed.index, opts, config);
}

/**
 * A file where containers are started by command lines (a shell script, a Makefile, a workflow, Markdown). Markdown
 * is documentation, which often shows the insecure way on purpose: linted in `strict` only, every finding at info.
 */
function lintRun(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const form: RunForm = runForm(file, text) ?? 'shell';
  const index = new LineIndex(text);
  const problems: ParseProblem[] = [];
  const findings: Finding[] = [];
  const markdown = form === 'markdown';
  if ((!markdown || config.profile === 'strict') && mayStartContainers(form, text)) {
    const daemons: DaemonConfig[] = [];
    const containers = readingCommandLines(file, problems, () =>
      commandLinesOf(file, text, form, index, problems, daemons),
    );
    runCommandLineRules(file, index, containers, config, opts, findings, problems);
    for (const daemon of daemons) runDaemonRules(daemon, config, opts, findings, problems);
    if (markdown) for (const f of findings) f.severity = 'info';
  }
  return finish(file, 'run', findings, problems, hashDirectives(text, index), index, opts, config);
}

/**
 * The containers a file's command lines start (each `docker run`, a workflow's job and service containers); the
 * daemons its `dockerd` command lines start go to `daemons`.
 */
function commandLinesOf(
  file: string,
  text: string,
  form: RunForm,
  index: LineIndex,
  problems: ParseProblem[],
  daemons: DaemonConfig[],
) {
  const containers: Container[] = [];
  const unclosed: Span[] = [];
  const shell = (s: ShellPart) => shellCommands(s.m, { ...s.opts, unclosed });
  const commands = (cmds: Command[]) => {
    pushAll(daemons, commandLineDaemons(file, text, index, cmds));
    return commandLineContainers(file, text, index, cmds);
  };
  if (form === 'workflow') {
    const parsed = parseYaml(file, text);
    pushAll(problems, parsed.problems);
    pushAll(problems, unresolvedAliases(parsed, 'GitHub'));
    const wf = workflowOf(parsed);
    for (const s of wf.scripts) pushAll(containers, commands(shell(s)));
    const edit = new YamlEditor(parsed);
    for (const w of wf.containers)
      containers.push(workflowContainer(file, edit, w, w.options ? parseShell(w.options.m, w.options.opts) : []));
  } else if (form === 'gitlab') {
    const parsed = parseYaml(file, text);
    pushAll(problems, parsed.problems);
    pushAll(problems, unresolvedAliases(parsed, 'GitLab'));
    for (const s of gitlabScripts(parsed)) pushAll(containers, commands(shell(s)));
  } else for (const s of shellParts(form, index)) pushAll(containers, commands(shell(s)));
  const seen = new Set<number>();
  for (const u of unclosed) {
    if (seen.has(u.start)) continue;
    seen.add(u.start);
    problems.push({
      file,
      message:
        'A here-document that begins on this line is never closed: the shell reads the rest of the script as its ' +
        'text and runs none of it, so the container commands in that text are not analysed. End it with its ' +
        'delimiter alone on a line',
      range: index.range(u.start, u.start),
      severity: 'error',
    });
  }
  return containers;
}

/** Reading command lines never throws out of lint: a failure is an error on the file (the CLI exits 2 on it). */
function readingCommandLines(file: string, problems: ParseProblem[], read: () => Container[]): Container[] {
  try {
    return read();
  } catch (e) {
    problems.push({
      file,
      message: `Internal error reading the command lines: ${e instanceof Error ? e.message : String(e)} (they were not analysed)`,
      range: ZERO_RANGE,
      severity: 'error',
    });
    return [];
  }
}

/** Runs the command-line rules (`run/*`) on containers started in a file. */
function runCommandLineRules(
  file: string,
  index: LineIndex,
  containers: readonly Container[],
  config: Config,
  opts: LintOptions,
  findings: Finding[],
  problems: ParseProblem[],
): void {
  if (!containers.length) return;
  const fixValues = checkedFixValues(config.fixes);
  runRules(
    commandLineRules,
    (rule, out, options) =>
      makeSpanContext(rule.meta, file, index, containers, options, fixValues, config.profile, out),
    { file, config, opts, findings, problems },
  );
}

function finish(
  file: string,
  kind: Kind,
  findings: Finding[],
  problems: ParseProblem[],
  directives: Directive[],
  index: LineIndex,
  opts: LintOptions,
  config: Config,
): LintResult {
  let kept = findings;
  if (opts.inlineIgnores !== false && directives.length) {
    const byLine = new DirectiveIndex(directives);
    kept = findings.filter((f) => !isSuppressed(f, byLine));
    for (const rule of metaRuleModules) {
      const setting = config.rules[rule.meta.id]?.severity;
      if (setting === 'off') continue;
      const severity = setting ?? rule.meta.severity;
      rule.check({
        file,
        index,
        directives,
        reportUnused: opts.reportUnusedIgnores !== false && !opts.onlyRules,
        requireReason: !!opts.requireIgnoreReason,
        report: (d, message, fixes) => {
          kept.push({
            ruleId: rule.meta.id,
            severity,
            file,
            start: d.start,
            end: d.end,
            range: index.range(d.start, d.end),
            message,
            ...(fixes ? { fixes } : {}),
          });
        },
      });
    }
  }
  kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { file, kind, findings: kept, problems };
}

export { ParseCache };
