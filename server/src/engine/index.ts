// The engine's front door: what the CLI, the language server and the node host use. Everything here is pure (no
// vscode, no LSP, no file access of its own: files are read through a Host).
export { lint, ParseCache, type LintOptions } from './lint';
export { detectKind, isDevcontainerPath, isDockerfileName, skipReason } from './kind';
export { isDockerUnitPath } from './sources/daemon/config';
export { runForm } from './sources/commandline/forms';
export { isComposeFileName } from './sources/compose/project';
export { fixAll } from './fixes/fixAll';
export { REASON_PLACEHOLDER, suppressionFixes } from './config/suppress';
export {
  CONFIG_MAX_BYTES,
  CONFIG_NAMES,
  checkedFixValues,
  defaultConfig,
  excerpt,
  MAX_LIST_ITEMS,
  mergeConfig,
  parseConfig,
  validFixValue,
  type Config,
  type RuleSetting,
} from './config/config';
export { allMeta, knownRuleOptions, ruleById } from './rules/index';
export { configCompletions, type ConfigCompletion } from './config/complete';
export { docsUrl, type RuleMeta } from './rules/rule';
export { renderRuleDoc } from './docs';
export { compileGlob, matchesAny, type GlobMatcher } from './glob';
export { applyEdits, LineIndex, printable } from './text';
export { isInside, relativeSlashed } from './vocabulary/paths';
export { internalErrorProblem, invalidUtf8Problem, wideEncodingProblem, ZERO_RANGE } from './problems';
export { TOOL_NAME, TOOL_VERSION } from './version';
export type * from './types';
export { isSafe, PROFILES, SEVERITY_RANK } from './types';
export {
  baselineKey,
  baselineRelative,
  fingerprints,
  MAX_BASELINE_BYTES,
  parseBaseline,
  renderBaseline,
  type BaselineEntry,
} from './baseline';
