// The Dockerfile source: Dockerfiles and Containerfiles as BuildKit reads them, judged by the Dockerfile rules (with
// the Compose files and dev containers that build them, and their build contexts), and the containers their RUN
// steps start by the command-line rules.
import type { Source } from '../source';
import * as path from 'node:path';
import { checkedFixValues, type Config } from '../../config/config';
import { dockerfileDirectives } from './directives';
import { ParseCache } from '../compose/project';
import { parseDockerfile, type DockerfileModel } from './model';
import { composeUsers, type ComposeUse } from '../../model/builds';
import { devcontainerUsers, type DevcontainerUse } from '../devcontainer/builds';
import { readContext, type BuildContext } from './context';
import { makeDockerfileContext } from '../../rules/dockerfileContext';
import { dockerfileRules } from '../../rules/index';
import { mentionsEngine } from '../commandline/forms';
import { commandLineContainers } from '../commandline/container';
import { shellOf } from './model';
import { ZERO_RANGE } from '../../problems';
import { type Finding, type LintResult } from '../../types';
import { type OptionsOf, type RuleOption } from '../../rules/rule';
import { finish, readingCommandLines, runCommandLineRules, runRules } from '../rules';
import type { LintOptions } from '../source';
import { isTemplateName, lintTemplate } from '../template';

/** A Dockerfile, or a template of one judged by its literal text (template.ts). */
function lintDockerfile(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  if (!isTemplateName(file)) return lintDockerfileText(file, text, opts, config);
  return lintTemplate(file, text, (masked) => lintDockerfileText(file, masked, opts, config));
}

function lintDockerfileText(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  let model: DockerfileModel;
  try {
    model = parseDockerfile(file, text);
  } catch (e) {
    const zero = ZERO_RANGE;
    return {
      file,
      kind: 'dockerfile',
      findings: [],
      problems: [
        {
          file,
          message: `Could not parse the Dockerfile: ${e instanceof Error ? e.message : String(e)}`,
          range: zero,
          severity: 'error',
        },
      ],
    };
  }
  const problems = [...model.problems];
  const findings: Finding[] = [];
  const fixValues = checkedFixValues(config.fixes);
  let users: ComposeUse[] | undefined;
  const composeUsersOnce = () =>
    (users ??= opts.host ? composeUsers(file, opts.host, opts.cache ?? new ParseCache(), config.composeSets) : []);
  let dcUsers: DevcontainerUse[] | undefined;
  const devcontainerUsersOnce = () => (dcUsers ??= opts.host ? devcontainerUsers(file, opts.host) : []);
  let contexts: BuildContext[] | undefined;
  const buildContextsOnce = () => {
    if (contexts) return contexts;
    const host = opts.host;
    if (!host) return (contexts = []);
    const dirs = new Set([
      ...composeUsersOnce().map((u) => u.build.context),
      ...devcontainerUsersOnce().map((u) => u.build.context),
    ]);
    if (!dirs.size) dirs.add(path.dirname(file));
    contexts = [...dirs].flatMap((d) => readContext(d, file, host, opts.cache) ?? []);
    for (const c of contexts)
      if (c.incomplete)
        problems.push({
          file,
          message: `The build context's ignore file was not read completely (${c.incomplete}): files it lets into the image are not all known`,
          range: ZERO_RANGE,
          severity: 'error',
        });
    return contexts;
  };
  runRules(
    dockerfileRules,
    (rule, out, options) =>
      makeDockerfileContext<OptionsOf<Record<string, RuleOption>>>(
        rule.meta,
        file,
        model,
        options,
        fixValues,
        out,
        composeUsersOnce,
        buildContextsOnce,
        devcontainerUsersOnce,
      ),
    { file, config, opts, findings, problems },
  );
  // a build step that starts a container (`RUN docker run --privileged ...`)
  if (mentionsEngine(text)) {
    const containers = readingCommandLines(file, problems, () =>
      model.instructions
        .filter((i) => i.keyword === 'RUN')
        .flatMap((i) => commandLineContainers(file, text, model.index, shellOf(model, i))),
    );
    runCommandLineRules(file, model.index, containers, config, opts, findings, problems);
  }
  return finish(file, 'dockerfile', findings, problems, dockerfileDirectives(model), model.index, opts, config);
}

export function isDockerfileName(name: string): boolean {
  if (CODE_EXTENSION.test(name)) return false; // dockerfile.go, Dockerfile.md: code or text about Dockerfiles
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

/** Extensions of source code, data and documents: `dockerfile.go` is a Go file about Dockerfiles, not one. */
const CODE_EXTENSION =
  /\.(go|py|pyc|js|mjs|cjs|ts|tsx|jsx|rb|java|kt|rs|c|h|cc|cpp|hpp|cs|php|swift|scala|lua|pl|md|rst|txt|json|ya?ml|toml|xml|html?|css|lock|sum|mod|bzl|snap|orig|rej|bak|swp|patch|diff)$/i;

/**
 * A name that may be a Dockerfile's though no editor or tool takes it for one by default (`Dockerfile-prod`,
 * `Dockerfile_dev`, `dev-Dockerfile`, `Containerfile-alpine`): the walk lints such a file when it starts like a
 * Dockerfile (startsLikeDockerfile), which `Dockerfile-README` or `Dockerfile-notes.txt` does not.
 */
export function isDockerfileVariantName(name: string): boolean {
  if (CODE_EXTENSION.test(name) || isDockerfileName(name)) return false;
  return /^(?:Dockerfile|Containerfile)[-_]./i.test(name) || /.[-_](?:Dockerfile|Containerfile)$/i.test(name);
}

/** The first line that is neither blank nor a comment (parser directives are comments) starts with FROM or ARG. */
export function startsLikeDockerfile(text: string): boolean {
  for (let i = 0; i < text.length;) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    const line = text.slice(i, e).trim();
    if (line !== '' && !line.startsWith('#')) return /^(FROM|ARG)\s/i.test(text.slice(i, e).trimStart() + '\n');
    i = e + 1;
  }
  return false;
}

export const dockerfileSource: Source = {
  kind: 'dockerfile',
  byName: (file) => isDockerfileName(path.basename(file)),
  byContent: (_file, text) => startsLikeDockerfile(text),
  lint: lintDockerfile,
};
