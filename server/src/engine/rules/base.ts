// What rules and the contexts they run in share: a rule's metadata and option types, the fix defaults, and findings
// whose fixes are computed when asked (rule.ts adds the rule modules' contracts, which name the contexts).
import type { Finding, Fix, Kind, Profile, Quadrant, Severity, SeveritySetting } from '../types';
import type { LineIndex } from '../text';

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
  /**
   * Routine advice (a missing hardening setting or limit, pinning, image hygiene), not a grant: in `recommended` it
   * is not reported in test/CI and development files (see context.ts), where it is not what a reviewer acts on.
   */
  advice?: boolean;
  /** One paragraph: what is flagged. */
  description: string;
  /** Why it matters for isolation. */
  why: string;
  howToFix: string;
  /** What the automatic fixes do, and whether they are safe (go into fix-all) or unsafe (offered one by one). */
  fixes?: { safe?: string; unsafe?: string };
  options?: Record<string, RuleOption>;
  /** Its severity in a profile when not `severity` (`off`: the rule does not run there). */
  profiles?: Partial<Record<Profile, SeveritySetting>>;
  /**
   * In `recommended`, this rule's "missing setting" findings are reported together, one per service, by this group
   * rule (unless the config sets this rule's severity, which then applies to it alone). Its other findings (a
   * setting that weakens, a limit of 0) are its own in every profile.
   */
  group?: string;
  cwe?: string[];
  cis?: string[];
  references: string[];
  /** Docs examples; tests check that every bad one is flagged by this rule and every good one is not. */
  examples: {
    bad: string[];
    good: string[];
    /** Files beside the example (relative paths, e.g. a build context's `.env`), for rules that read them. */
    files?: Record<string, string>;
    /** The rule's options the examples assume (a rule that reports nothing until configured). */
    options?: Record<string, unknown>;
  };
}

/** The value a rule receives for an option, from its declared type (checked when the config is read). */
export type OptionValue<T extends RuleOption> = T['type'] extends 'string[]' ? readonly string[] : boolean;
/** A rule's options as its check sees them: each one it declares, typed, or undefined when not set. */
export type OptionsOf<O extends Record<string, RuleOption>> = { readonly [K in keyof O]?: OptionValue<O[K]> };
export interface FixDefaults {
  memory: string;
  cpus: string;
  pids: number;
  user: string;
}
export const DEFAULT_FIX_VALUES: FixDefaults = { memory: '512M', cpus: '1.0', pids: 256, user: '10001:10001' };

export type FixList = Fix[] | (() => Fix[]);

/**
 * A finding whose fixes are computed on first access and memoised: the editor asks for the fixes of the few
 * findings under the cursor, so computing edits for every finding on every keystroke would be wasted work.
 * A fix that cannot be computed (it throws) is not offered; empty fixes are dropped. (A class with the getter on
 * its prototype, not Object.defineProperty on each object, which would put every finding in V8's slow mode.)
 */
class LazyFinding {
  ruleId!: string;
  severity!: Severity;
  message!: string;
  file!: string;
  range!: Finding['range'];
  start!: number;
  end!: number;
  related?: Finding['related'];
  ignoreReason?: string;
  #thunk: FixList | undefined;
  #memo: Fix[] | undefined;
  /** See isRoutine: kept private, so that it is neither copied nor printed. */
  #routine: boolean;
  #done = false;
  /** Told when computing the fixes throws (see onFixError). */
  #onError: ((e: unknown) => void) | undefined;
  constructor(f: Omit<Finding, 'fixes'>, thunk: FixList | undefined, routine = false) {
    this.ruleId = f.ruleId;
    this.severity = f.severity;
    this.message = f.message;
    this.file = f.file;
    this.range = f.range;
    this.start = f.start;
    this.end = f.end;
    if (f.related) this.related = f.related;
    if (f.ignoreReason) this.ignoreReason = f.ignoreReason;
    this.#thunk = thunk;
    this.#routine = routine;
  }
  get routine(): boolean {
    return this.#routine;
  }
  get fixes(): Fix[] | undefined {
    if (!this.#done) {
      this.#done = true;
      const t = this.#thunk;
      this.#thunk = undefined;
      try {
        this.#memo =
          t === undefined
            ? undefined
            : (typeof t === 'function' ? t() : t).filter(
                (x) => x.edits.length > 0 || !!x.files?.some((f) => f.edits.length > 0),
              );
      } catch (e) {
        // the fix is not offered, and the failure is reported as a rule's failure is (a problem on the file)
        this.#memo = undefined;
        this.#onError?.(e);
      }
    }
    return this.#memo;
  }
  setErrorHandler(handler: (e: unknown) => void): void {
    this.#onError = handler;
  }
  /** Its own fields (the fix thunk is private, so it is not copied) and the fixes. */
  toJSON(): Finding {
    return { ...this, fixes: this.fixes };
  }
}

export function withLazyFixes(f: Omit<Finding, 'fixes'>, fixes: FixList | undefined, routine = false): Finding {
  return new LazyFinding(f, fixes, routine);
}

/**
 * Is this finding routine where containers are throwaway (development and test/CI files): what its rule reports
 * everywhere else, but that nobody acts on there (a local database's `postgres` password)? The recommended profile
 * leaves it out of those files, as it leaves out advice rules (sources/rules.ts inContext).
 */
export function isRoutine(f: Finding): boolean {
  return f instanceof LazyFinding && f.routine;
}

/** A rule's finding at a span of a file (offsets), with its fixes computed on first use. */
export function spanFinding(
  meta: RuleMeta,
  file: string,
  index: LineIndex,
  r: {
    start: number;
    end: number;
    message: string;
    severity?: Severity;
    related?: Finding['related'];
    fixes?: FixList;
    ignoreReason?: string;
    routine?: boolean;
  },
): Finding {
  return withLazyFixes(
    {
      ruleId: meta.id,
      severity: r.severity ?? meta.severity,
      message: r.message,
      file,
      start: r.start,
      end: r.end,
      range: index.range(r.start, r.end),
      related: r.related?.length ? r.related : undefined,
      ...(r.ignoreReason ? { ignoreReason: r.ignoreReason } : {}),
    },
    r.fixes,
    r.routine,
  );
}

/** Calls `handler` if computing the finding's fixes throws (fixes are computed later, when asked for). */
export function onFixError(f: Finding, handler: (e: unknown) => void): void {
  if (f instanceof LazyFinding) f.setErrorHandler(handler);
}
