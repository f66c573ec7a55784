// The contract every rule module fulfils: metadata (docs, SARIF and the registry are generated from it) and a check.
import type { Fix } from '../types';
import type { LineIndex } from '../text';
export { DOCS_BASE, docsUrl } from '../../shared/protocol';
export * from './base';
import type { OptionsOf, RuleMeta, RuleOption } from './base';
import type { ComposeContext } from './composeContext';
import type { DockerfileContext } from './dockerfileContext';
import type { ContainerContext } from './containerContext';
import type { DaemonContext } from './daemonContext';
import type { CommandContext } from './commandContext';
import type { Source } from '../model/container';
import type { Directive } from '../config/suppress';

type Declared = Record<string, RuleOption>;

export interface ComposeRule<O extends Declared = Declared> {
  meta: RuleMeta & { kind: 'compose'; options?: O };
  check(ctx: ComposeContext<OptionsOf<O>>): void;
}
export interface DockerfileRule<O extends Declared = Declared> {
  meta: RuleMeta & { kind: 'dockerfile'; options?: O };
  check(ctx: DockerfileContext<OptionsOf<O>>): void;
}

/**
 * Declares a rule with options: the options' types are inferred from `meta.options`, so that `ctx.options.allow`
 * is a `readonly string[] | undefined`, not an `unknown` to cast. (Rules without options need no helper.)
 */
export function composeRule<const O extends Declared>(rule: ComposeRule<O>): ComposeRule<O> {
  return rule;
}
export function dockerfileRule<const O extends Declared>(rule: DockerfileRule<O>): DockerfileRule<O> {
  return rule;
}
/** The docs of a runtime rule for a source other than Compose: examples in its syntax, texts where they differ. */
export interface SourceDocs {
  description?: string;
  howToFix?: string;
  fixes?: RuleMeta['fixes'];
  examples: RuleMeta['examples'];
}

/**
 * A runtime rule: it judges a container's profile (model/container.ts) wherever it is declared. Its metadata is a
 * rule's, with a name instead of an id: the registry makes one rule per source, `compose/<name>` (with the meta's
 * own texts and examples) and `<source>/<name>` for each source in `sources` (with that source's docs).
 */
export interface ContainerRule<O extends Declared = Declared> {
  meta: Omit<RuleMeta, 'id' | 'kind'> & {
    name: string;
    options?: O;
    sources: Partial<Record<Exclude<Source, 'compose'>, SourceDocs>>;
  };
  check(ctx: ContainerContext<OptionsOf<O>>): void;
}
export function containerRule<const O extends Declared>(rule: ContainerRule<O>): ContainerRule<O> {
  return rule;
}

/** A runtime rule as it runs on a devcontainer.json (made by the registry from a ContainerRule). */
export interface DevcontainerRule {
  meta: RuleMeta & { kind: 'devcontainer' };
  check(ctx: ContainerContext): void;
}

/** A runtime rule as it runs on command lines (`run/<name>`, made by the registry from a ContainerRule). */
export interface RunRule {
  meta: RuleMeta & { kind: 'run' };
  check(ctx: ContainerContext): void;
}

/**
 * A rule about an engine command that grants something outside a container's profile (`docker exec
 * --privileged`, build entitlements, plugin permissions: model/engineCommand.ts), on command lines (`run/<name>`).
 */
export interface CommandRule {
  meta: RuleMeta & { kind: 'run' };
  check(ctx: CommandContext): void;
}

/** A rule about the Docker daemon's own configuration (daemon.json, a systemd drop-in). */
export interface DaemonRule<O extends Declared = Declared> {
  meta: RuleMeta & { kind: 'daemon'; options?: O };
  check(ctx: DaemonContext<OptionsOf<O>>): void;
}

export type Rule = ComposeRule | DockerfileRule | DevcontainerRule | DaemonRule | RunRule | CommandRule;

/** What a meta rule sees: the file's suppression comments, after the other rules' findings were matched to them. */
export interface MetaContext {
  file: string;
  index: LineIndex;
  directives: readonly Directive[];
  /** Report unused suppressions (off when only some rules run, or when the caller asks). */
  reportUnused: boolean;
  /** `--require-ignore-reason`. */
  requireReason: boolean;
  /** Does this rule of ours run under the config (its profile and settings)? */
  active(ruleId: string): boolean;
  /** A finding on the directive's comment. */
  report(d: Directive, message: string, fixes?: Fix[]): void;
}
/** Rules about suppression comments themselves. */
export interface MetaRule {
  meta: RuleMeta & { kind: 'compose' };
  check(ctx: MetaContext): void;
}
