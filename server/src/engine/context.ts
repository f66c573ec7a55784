// The context of a file, decided once from its path inside the repository (and the config's `contexts`): where a
// finding is worth acting on depends on it. A grant in a deployment file can cost the host; the same grant on a
// throwaway container in a CI job, or in someone else's vendored code, is not what a reviewer acts on first.
import { compileGlob, type GlobMatcher } from './glob';
import type { Kind } from './types';

/**
 * - `third-party`: someone else's code or test input (vendored trees, fixtures, testdata): not walked by default;
 * - `test-ci`: tests and CI (test folders, CI workflows and jobs, test scripts): containers there are throwaway;
 * - `development`: dev containers and development-only files (`.devcontainer/`, `compose.dev.yaml`);
 * - `deployment`: everything else.
 */
export type FileContext = 'third-party' | 'test-ci' | 'development' | 'deployment';
export const FILE_CONTEXTS: readonly FileContext[] = ['deployment', 'development', 'test-ci', 'third-party'];

/** What a context is called in messages and summaries. */
export const CONTEXT_LABEL: Readonly<Record<FileContext, string>> = {
  'third-party': 'third-party code',
  'test-ci': 'a test/CI file',
  development: 'a development file',
  deployment: 'a deployment file',
};

/** Folders of someone else's code, or of test input: vendored trees, fixtures, testdata. */
const THIRD_PARTY_DIRS = new Set([
  'vendor',
  'vendored',
  'third_party',
  'third-party',
  'thirdparty',
  '3rdparty',
  '3rd-party',
  'bower_components',
  'testdata',
  'test-data',
  'test_data',
  'fixtures',
  '__fixtures__',
  'test-fixtures',
  'test_fixtures',
]);

/** Folders of tests and CI configuration. */
const TEST_CI_DIRS = new Set([
  'test',
  'tests',
  'testing',
  '__tests__',
  'e2e',
  'e2e-tests',
  'integration-test',
  'integration-tests',
  'integration_test',
  'integration_tests',
  'smoke-tests',
  'spec',
  'specs',
  'ci',
  '.ci',
  '.github',
  '.gitlab',
  '.circleci',
  '.buildkite',
  '.woodpecker',
]);

/** Words of a file name that make it a test or CI file (`docker-compose.test.yml`, `run-tests.sh`, `.gitlab-ci.yml`). */
const TEST_CI_WORDS = new Set([
  'test',
  'tests',
  'testing',
  'e2e',
  'ci',
  'spec',
  'integrationtest',
  'integrationtests',
  'cypress',
  'playwright',
]);

/** Folders and file-name words of development-only files (`.devcontainer/`, `docker-compose.dev.yml`). */
const DEV_DIRS = new Set(['.devcontainer', 'dev', 'development', 'devenv', '.devenv']);
const DEV_WORDS = new Set(['dev', 'devel', 'development', 'devcontainer', 'local']);

/** The words of a file name, split at dots, dashes and underscores, lower case. */
function nameWords(name: string): string[] {
  return name.toLowerCase().split(/[._-]+/);
}

/** Is this folder name one of someone else's code or of test input? (The walk leaves such folders out.) */
export function isThirdPartyDir(name: string): boolean {
  return THIRD_PARTY_DIRS.has(name.toLowerCase());
}

/** The config's `contexts`: globs (relative to the config file's folder) that say a file's context. */
export interface ContextPatterns {
  /** The folder the globs are relative to (absolute). */
  dir: string;
  globs: Partial<Record<FileContext, readonly string[]>>;
}

/** The compiled form of a config's `contexts`, in the order they are tried (the context that reports more first). */
export interface ContextMatchers {
  dir: string;
  list: { context: FileContext; matcher: GlobMatcher }[];
  /** Some pattern gives another context than third-party (it may bring files of a third-party folder back). */
  bringsBack: boolean;
}

const compiled = new WeakMap<ContextPatterns, ContextMatchers>();

export function contextMatchers(p: ContextPatterns): ContextMatchers {
  let m = compiled.get(p);
  if (!m) {
    m = { dir: p.dir, list: [], bringsBack: false };
    for (const context of FILE_CONTEXTS)
      for (const g of p.globs[context] ?? []) m.list.push({ context, matcher: compileGlob(g) });
    m.bringsBack = m.list.some((e) => e.context !== 'third-party');
    compiled.set(p, m);
  }
  return m;
}

/** A file's context and why, for messages ("under vendor/", "the config's contexts"). */
export interface ContextDecision {
  context: FileContext;
  why: string;
}

/**
 * The context of a file from its path relative to the repository's top folder (`/`-separated; only its own name
 * when the top is unknown, so that folders above the repository never count) and its kind; `configured` is the
 * config's pattern match, which wins. Third-party beats test/CI (fixtures in a test folder), which beats
 * development, which beats deployment.
 */
export function contextOfPath(rel: string, kind: Kind | undefined, configured?: FileContext): ContextDecision {
  if (configured) return { context: configured, why: "the config's contexts" };
  const parts = rel.split('/').filter((s) => s && s !== '.');
  const name = parts.pop() ?? '';
  const dirs = parts.map((p) => p.toLowerCase());
  const third = dirs.find((d) => THIRD_PARTY_DIRS.has(d));
  if (third) return { context: 'third-party', why: `under ${third}/` };
  const test = dirs.find((d) => TEST_CI_DIRS.has(d));
  if (test) return { context: 'test-ci', why: `under ${test}/` };
  const words = nameWords(name);
  if (words.some((w) => TEST_CI_WORDS.has(w))) return { context: 'test-ci', why: `its name, ${name}` };
  if (kind === 'run' && /^action\.ya?ml$/i.test(name)) return { context: 'test-ci', why: 'a GitHub action' };
  if (kind === 'devcontainer') return { context: 'development', why: 'a dev container' };
  const dev = dirs.find((d) => DEV_DIRS.has(d));
  if (dev) return { context: 'development', why: `under ${dev}/` };
  if (words.some((w) => DEV_WORDS.has(w))) return { context: 'development', why: `its name, ${name}` };
  return { context: 'deployment', why: 'the default' };
}

/** The context the config's `contexts` give a path relative to their folder, if any. */
export function configuredContext(
  m: ContextMatchers | undefined,
  relToConfig: string | undefined,
): FileContext | undefined {
  if (!m || relToConfig === undefined || relToConfig.startsWith('../')) return undefined;
  return m.list.find((e) => e.matcher.test(relToConfig))?.context;
}
