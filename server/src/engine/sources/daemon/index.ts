// The daemon source: daemon.json and the systemd units that start dockerd, read into the daemon model and judged by
// the daemon rules.
import { isDaemonJson, isDockerUnitPath } from './config';
import type { Source } from '../source';
import * as path from 'node:path';
import { type Config } from '../../config/config';
import { hashDirectives } from '../../config/directives';
import { readDaemonJson, readDockerUnit } from './config';
import { trailingCommas } from '../devcontainer/parse';
import { LineIndex } from '../../text';
import { type Finding, type LintResult, type ParseProblem } from '../../types';
import { finish, runDaemonRules } from '../rules';
import type { LintOptions } from '../source';

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

export const daemonSource: Source = {
  kind: 'daemon',
  // another tool's daemon.json (the walk finds every file of that name) is not ours, and nothing is said of it
  byName: (file, text) =>
    path.basename(file) === 'daemon.json' ? isDaemonJson(text) || 'none' : isDockerUnitPath(file),
  lint: lintDaemon,
};
