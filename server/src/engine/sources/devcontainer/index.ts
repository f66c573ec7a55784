// The dev container source: devcontainer.json as VS Code reads it (JSON with comments), adapted to the container
// model and judged by the dev container rules.
import type { Source } from '../source';
import * as path from 'node:path';
import { checkedFixValues, type Config } from '../../config/config';
import { jsoncDirectives } from './directives';
import { devcontainerRules } from '../../rules/index';
import { makeSpanContext } from '../../rules/containerContext';
import { parseJsonc } from './parse';
import { devcontainerContainer } from './container';
import { type Finding, type LintResult } from '../../types';
import { finish, runRules } from '../rules';
import type { LintOptions } from '../source';

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
 * A dev container configuration: `.devcontainer.json`, `.devcontainer/devcontainer.json` and
 * `.devcontainer/<name>/devcontainer.json` (named explicitly, any `devcontainer.json`).
 */
export function isDevcontainerPath(file: string, explicit = false): boolean {
  const name = path.basename(file);
  if (name === '.devcontainer.json') return true;
  if (name !== 'devcontainer.json') return false;
  if (explicit) return true;
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 2] === '.devcontainer' || parts[parts.length - 3] === '.devcontainer';
}

export const devcontainerSource: Source = {
  kind: 'devcontainer',
  byName: (file, _text, explicit) => isDevcontainerPath(file, explicit),
  lint: lintDevcontainer,
};
