// What a source is: the reader of one kind of file. The runner (lint.ts) names no kind: it asks the sources, in the
// order of the table in sources/index.ts, which one reads a file, and lets that one analyse it.
import type { Config } from '../config/config';
import type { ParseCache } from './compose/project';
import type { Host, Kind, LintResult } from '../types';
import type { ContextDecision } from '../context';

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
  /** The file's context (decided by lint() from its path and the config when not given). */
  context?: ContextDecision;
  /** Only run these rules (tests). */
  onlyRules?: string[];
  /** Called when a rule throws; the rest of the findings are still returned. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface Source {
  /** The kind of file it reads. */
  readonly kind: Kind;
  /**
   * Recognises a file by its path (some names need a look at the text): true, it is this source's; false, ask the
   * next source; 'none', a file of this name is no kind's (another tool's `daemon.json`): stop asking, say nothing.
   */
  byName(file: string, text: string, explicit: boolean): boolean | 'none';
  /** Recognises a file named explicitly (any name) by its text, once no source knew its name. */
  byContent?(file: string, text: string): boolean;
  /** Parses the file, adapts it to its models, runs its rules and applies its suppression comments. */
  lint(file: string, text: string, opts: LintOptions, config: Config): LintResult;
}
