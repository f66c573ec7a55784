// The contract every rule module fulfils: metadata (docs, SARIF and the registry are generated from it) and a check.
import type { Fix, Kind, Quadrant, Severity } from '../types';
import type { ComposeContext } from './composeContext';
import type { DockerfileContext } from './dockerfileContext';

export const DOCS_BASE = 'https://github.com/docker-security-lint/docker-security-lint/blob/main/docs/rules/';

export interface RuleOption {
  type: 'string[]' | 'boolean';
  description: string;
}

export interface RuleMeta {
  id: string;
  kind: Kind;
  title: string;
  severity: Severity;
  quadrant: Quadrant;
  /** One paragraph: what is flagged. */
  description: string;
  /** Why it matters for isolation. */
  why: string;
  howToFix: string;
  /** What the automatic fixes do, and whether they are safe (go into fix-all) or unsafe (offered one by one). */
  fixes?: { safe?: string; unsafe?: string };
  options?: Record<string, RuleOption>;
  cwe?: string[];
  cis?: string[];
  references: string[];
  /** Docs examples; tests check that every bad one is flagged by this rule and every good one is not. */
  examples: { bad: string[]; good: string[] };
}

export interface ComposeRule { meta: RuleMeta & { kind: 'compose' }; check(ctx: ComposeContext): void }
export interface DockerfileRule { meta: RuleMeta & { kind: 'dockerfile' }; check(ctx: DockerfileContext): void }
export type Rule = ComposeRule | DockerfileRule;

export function docsUrl(id: string): string { return `${DOCS_BASE}${id}.md`; }

export interface FixDefaults { memory: string; cpus: string; pids: number; user: string }
export const DEFAULT_FIX_VALUES: FixDefaults = { memory: '512M', cpus: '1.0', pids: 256, user: '10001:10001' };

export type FixList = Fix[] | (() => Fix[]);
