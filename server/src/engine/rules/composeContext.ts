// What a Compose rule sees: the project's services, its options, and a reporter that places findings where
// their cause is written in the linted file, with related information at the value's origin.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { ComposeProject, Service } from '../sources/compose/project';
import type { ParsedYaml } from '../sources/compose/yaml';
import { rawText, referencedVars, reportLoc, type Entry, type Loc, type Val } from '../sources/compose/effective';
import { YamlEditor } from '../fixes/yamlEdit';
import { EMPTY_HOST, type Fix, type Finding, type Host, type Profile, type RelatedInfo, type Severity } from '../types';
import { dockerfileOf } from '../model/builds';
import type { Container } from '../model/container';
import { withLazyFixes, type FixDefaults, type FixList, type RuleMeta } from './base';

export interface ComposeReport {
  /** A value or entry (reported where it was brought into the service), or a location. */
  at: Val | Entry | Loc;
  message: string;
  fixes?: FixList;
  severity?: Severity;
  /** More related information (beyond the value's origin and `.env`), e.g. the Dockerfile behind `build:`. */
  related?: RelatedInfo[];
  /** See Finding.ignoreReason. */
  ignoreReason?: string;
  /** See isRoutine (base.ts). */
  routine?: boolean;
}

export interface ComposeContext<Options = Readonly<Record<string, unknown>>> {
  file: string;
  project: ComposeProject;
  /** The linted file, parsed. */
  parsed: ParsedYaml;
  edit: YamlEditor;
  options: Options;
  fixDefaults: FixDefaults;
  /** Services that have something to say in the linted file (defined or overridden there, or pulled in by it). */
  services: Service[];
  report(r: ComposeReport): void;
  /** The service's own mapping written in the linted file, if any. */
  ownMap(s: Service): YAMLMap | undefined;
  /** The profile in force. */
  profile: Profile;
  /** This rule's "missing setting" findings are reported by its group rule (see RuleMeta.group): skip them. */
  grouped: boolean;
  /** For a group rule: the ids of the rules whose "missing setting" findings it reports. */
  groupItems: ReadonlySet<string>;
  /**
   * Does a suppression comment silence `ruleId` at this place (marking the comment used)? For a group rule, whose
   * items a person may have suppressed one by one (`ignore=compose/pids-limit`) before profiles grouped them.
   */
  suppressed(ruleId: string, at: Loc): boolean;
  /** The Compose-backed dev container that runs the service, if any (its additions to the service's profile). */
  devcontainerOf(s: Service): Container | undefined;
  /** The Dockerfile the service builds, parsed, when it is readable (computed once per service). */
  dockerfileOf(s: Service): BuiltDockerfile | undefined;
}

export type BuiltDockerfile = NonNullable<ReturnType<typeof dockerfileOf>>;

const BUILT = Symbol('dockerfile');

/** What the engine passes besides the file and the rule: the host, the profile and the rule's place in a group. */
export interface ContextExtras {
  host: Host;
  profile: Profile;
  grouped: boolean;
  groupItems: ReadonlySet<string>;
  /** Where each finding's value was defined when something brought it in (for reporting once per origin). */
  origins: WeakMap<Finding, Loc>;
  suppressed: (ruleId: string, at: Loc) => boolean;
  /** The Compose-backed dev containers that run services of the file, by service name (read once per lint). */
  devcontainers: () => ReadonlyMap<string, Container>;
}

export function isLoc(x: Val | Entry | Loc): x is Loc {
  return typeof (x as Loc).start === 'number' && !('node' in x) && !('pair' in x);
}

/**
 * The context a rule's check gets. `options` come from the config, where each was checked against the type the
 * rule declares (config/config.ts): the rule sees them typed (see composeRule in rule.ts).
 */
export function makeComposeContext<O = Readonly<Record<string, unknown>>>(
  meta: RuleMeta,
  file: string,
  project: ComposeProject,
  parsed: ParsedYaml,
  edit: YamlEditor,
  options: Readonly<Record<string, unknown>>,
  fixDefaults: FixDefaults,
  out: Finding[],
  more: Partial<ContextExtras> = {},
): ComposeContext<O> {
  const host = more.host ?? EMPTY_HOST;
  return {
    profile: more.profile ?? 'recommended',
    grouped: more.grouped ?? false,
    groupItems: more.groupItems ?? new Set(),
    suppressed: more.suppressed ?? (() => false),
    file,
    project,
    parsed,
    edit,
    options: options as O,
    fixDefaults,
    services: project.services,
    devcontainerOf(s) {
      return more.devcontainers?.().get(s.name);
    },
    dockerfileOf(s) {
      const views = (s.views ??= {});
      if (!(BUILT in views)) views[BUILT] = dockerfileOf(s, host);
      return views[BUILT] as BuiltDockerfile | undefined;
    },
    ownMap(s) {
      const v = s.own.get(file);
      return v && isMap(v.node) && !v.at ? v.node : undefined;
    },
    report(r) {
      const loc = isLoc(r.at) ? r.at : reportLoc(r.at);
      if (loc.file !== file) return;
      const related: RelatedInfo[] = [];
      if (!isLoc(r.at) && r.at.at) {
        const origin = r.at.loc;
        const pf = project.parsed.get(origin.file);
        if (pf)
          related.push({
            file: origin.file,
            range: pf.index.range(origin.start, origin.end),
            message: 'the value is defined here',
          });
      }
      if (!isLoc(r.at)) related.push(...envOrigins('value' in r.at ? r.at.value : r.at));
      if (r.related) related.push(...r.related);
      const finding = withLazyFixes(
        {
          ruleId: meta.id,
          severity: r.severity ?? meta.severity,
          message: r.message,
          file,
          start: loc.start,
          end: loc.end,
          range: parsed.index.range(loc.start, loc.end),
          related: related.length ? related : undefined,
          ...(r.ignoreReason ? { ignoreReason: r.ignoreReason } : {}),
        },
        r.fixes,
        r.routine,
      );
      if (!isLoc(r.at) && r.at.at) more.origins?.set(finding, r.at.loc);
      out.push(finding);
    },
  };
}

/** Related information at the `.env` lines that set the variables a scalar value refers to. */
function envOrigins(v: Val): RelatedInfo[] {
  const env = v.env;
  const raw = env ? rawText(v) : undefined;
  if (!env || raw === undefined || !raw.includes('$')) return [];
  const out: RelatedInfo[] = [];
  for (const name of new Set(referencedVars(raw))) {
    const e = env.vars.get(name);
    if (e)
      out.push({
        file: env.file,
        range: env.index.range(e.start, e.end),
        message: `${name} is set here (Compose reads this file for interpolation)`,
      });
  }
  return out;
}

// ---- fix builders shared by Compose rules ----

/**
 * Removing an entry: where the service writes it, delete the pair; where it came from an anchor used by this
 * service alone (in this file), delete it there; otherwise no removal is offered (an alias is never copied).
 */
export function removeEntryEdits(ctx: ComposeContext, e: Entry): Fix['edits'] {
  if (e.loc.file !== ctx.file) return [];
  if (!e.at) return [ctx.edit.removePair(e.map, e.pair)];
  if (e.at.file === ctx.file && ctx.parsed.aliasUsers.get(e.map) === 1) return [ctx.edit.removePair(e.map, e.pair)];
  return [];
}

/** Removing one item of a list entry (cap_add, security_opt, volumes...). Removes the key when the list empties. */
export function removeItemEdits(ctx: ComposeContext, e: Entry, item: Val): Fix['edits'] {
  if (e.loc.file !== ctx.file || item.loc.file !== ctx.file) return [];
  const seq = e.value.node;
  if (!isSeq(seq)) return removeEntryEdits(ctx, e);
  const own = !e.at && !item.at;
  const soleAnchor = e.at?.file === ctx.file && ctx.parsed.aliasUsers.get(e.map) === 1 && !item.at;
  if (!own && !soleAnchor) return [];
  if (!seq.items.includes(item.node)) return [];
  return [ctx.edit.removeSeqItem(seq, item.node, { map: e.map, pair: e.pair })];
}

/** Replaces a scalar written in the linted file (keeps its quotes). */
export function replaceScalarEdits(ctx: ComposeContext, v: Val, value: string): Fix['edits'] {
  if (v.loc.file !== ctx.file || v.at || !isScalar(v.node)) return [];
  return [ctx.edit.replaceScalar(v.node, value)];
}
