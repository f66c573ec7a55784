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
import { finish, readingCommandLines, runCommandLineRules, runRules } from '../rules';
import { mentionsEngine } from '../commandline/forms';
import { commandLineContainers } from '../commandline/container';
import { shellCommands } from '../../model/shell/commands';
import { mapped, type Mapped } from '../../model/shell/parse';
import { prop, props, type ParsedJsonc } from './parse';
import type { Node } from 'jsonc-parser';
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
    // the lifecycle commands are command lines: a `docker run` there (on the host for initializeCommand, in the
    // container for the others) is judged as in a script
    if (mentionsEngine(text)) {
      const containers = readingCommandLines(file, problems, () =>
        lifecycleScripts(parsed).flatMap((m) => commandLineContainers(file, text, parsed.index, shellCommands(m))),
      );
      runCommandLineRules(file, parsed.index, containers, config, opts, findings, problems);
    }
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

/** The keys whose values are commands: on the host (initializeCommand), then in the container. */
const LIFECYCLE = [
  'initializeCommand',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
];

/**
 * The scripts of the lifecycle commands, mapped to the file: a string is a shell command line; an array is one
 * command's words (exec form, joined); an object runs each of its values (strings or arrays) in parallel. A JSON
 * string with escapes maps approximately (its words are placed, never edited).
 */
function lifecycleScripts(parsed: ParsedJsonc): Mapped[] {
  const out: Mapped[] = [];
  const add = (n: Node | undefined, depth: number): void => {
    if (!n || depth > 2) return;
    if (n.type === 'string') out.push(stringMapped(parsed.text, n));
    else if (n.type === 'array') {
      const words = (n.children ?? []).filter((w) => w.type === 'string').map((w) => stringMapped(parsed.text, w));
      if (words.length) {
        // each word's characters, then a space (at the word's end) before the next; one offset past the end
        const offsets: number[] = [];
        words.forEach((w, i) => {
          for (let k = 0; k < w.text.length; k++) offsets.push(w.offsets[k]);
          if (i < words.length - 1) offsets.push(w.offsets[w.text.length]);
        });
        offsets.push(words[words.length - 1].offsets[words[words.length - 1].text.length]);
        out.push({ text: words.map((w) => w.text).join(' '), offsets, approximate: true });
      }
    } else if (n.type === 'object') for (const p of props(n)) add(p.value, depth + 1);
  };
  for (const key of LIFECYCLE) add(prop(parsed.root, key), 0);
  return out;
}

/** A JSON string's value, each character at its place inside the quotes (approximate when it holds escapes). */
function stringMapped(text: string, n: Node): Mapped {
  const value = n.value as string;
  const raw = text.slice(n.offset + 1, n.offset + n.length - 1);
  const m = mapped(value, n.offset + 1);
  if (raw === value) return m;
  const last = n.offset + n.length - 2;
  return { text: value, offsets: m.offsets.map((o) => Math.min(o, last)), approximate: true };
}
