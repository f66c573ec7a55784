// The runner: lint(file, text) -> findings and problems. Pure: file access goes through Host. It names no kind of
// file: the sources (sources/index.ts) say which one reads a file, and that one analyses it (sources/<kind>/).
import * as path from 'node:path';
import { defaultConfig } from './config/config';
import { skipReason } from './kind';
import { detectKind, ParseCache, sourceOf } from './sources/index';
import type { LintOptions } from './sources/source';
import { printable } from './text';
import { isInside, relativeSlashed } from './vocabulary/paths';
import { ZERO_RANGE } from './problems';
import type { Host, Kind, LintResult } from './types';
import type { Config } from './config/config';
import { configuredContext, contextMatchers, contextOfPath, type ContextDecision } from './context';

export type { LintOptions };

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
  const quiet = { is: false };
  const kind = opts.kind ?? detectKind(file, text, true, quiet);
  const source = kind && sourceOf(kind);
  if (source) {
    const context = opts.context ?? contextOf(file, kind, opts.host, config);
    const result = source.lint(file, text, { ...opts, context }, config);
    result.context = context.context;
    return result;
  }
  // a file of a name some source knows but does not read (another tool's daemon.json): nothing to say about it
  if (quiet.is) return { file, kind: 'unknown', findings: [], problems: [] };
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
}

/**
 * The file's context: from its path inside its top folder (the repository or workspace folder), or from its name
 * alone when the top is unknown (folders above the repository never count), unless the config's `contexts` say.
 */
export function contextOf(
  file: string,
  kind: Kind | undefined,
  host: Host | undefined,
  config: Config,
): ContextDecision {
  const top = host?.top?.(file);
  const rel = top !== undefined && isInside(file, top) ? relativeSlashed(top, file) : path.basename(file);
  const m = config.contexts && contextMatchers(config.contexts);
  return contextOfPath(rel, kind, configuredContext(m, m && relativeSlashed(m.dir, file)));
}

export { ParseCache };
