// The command-line source: the `docker run` (and dockerd, chmod) command lines of shell scripts, Makefiles, GitHub
// workflows and composite actions, GitLab CI files and Markdown, adapted to the container and daemon models.
import { lintTemplate } from '../template';
import { aliasProblems, GITLAB_TAGS } from '../compose/yaml';
import type { Source } from '../source';
import { type Config } from '../../config/config';
import type { Container } from '../../model/container';
import { YamlEditor } from '../../fixes/yamlEdit';
import {
  gitlabScripts,
  mayStartContainers,
  runForm,
  shellParts,
  workflowOf,
  type RunForm,
  type ShellPart,
} from './forms';
import { commandLineContainers, commandLineDaemons, workflowContainer } from './container';
import { shellCommands } from '../../model/shell/commands';
import { parseShell, type Command, type Span } from '../../model/shell/parse';
import { hashDirectives } from '../../config/directives';
import { parseYaml } from '../compose/yaml';
import { type DaemonConfig } from '../daemon/config';
import { LineIndex, pushAll } from '../../text';
import { type Finding, type LintResult, type ParseProblem } from '../../types';
import { finish, readingCommandLines, runCommandLineRules, runDaemonRules, runEngineCommandRules } from '../rules';
import { engineCommandsOf } from './engineCommands';
import { heredocDaemons } from './heredocs';
import type { EngineCommand } from '../../model/engineCommand';
import type { LintOptions } from '../source';

/**
 * A file where containers are started by command lines (a shell script, a Makefile, a workflow, Markdown). Markdown
 * is documentation, which often shows the insecure way on purpose: linted in `strict` only, every finding at info.
 */
function lintRun(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  // a justfile's interpolations (`{{ image }}`) are masked as a template's tags are: unknown values
  if (runForm(file) === 'just' && text.includes('{{'))
    return lintTemplate(file, text, (masked) => lintRunText(file, masked, opts, config));
  return lintRunText(file, text, opts, config);
}

function lintRunText(file: string, text: string, opts: LintOptions, config: Config): LintResult {
  const form: RunForm = runForm(file, text) ?? 'shell';
  const index = new LineIndex(text);
  const problems: ParseProblem[] = [];
  const findings: Finding[] = [];
  const markdown = form === 'markdown';
  if ((!markdown || config.profile === 'strict') && mayStartContainers(form, text)) {
    const daemons: DaemonConfig[] = [];
    const engine: EngineCommand[] = [];
    const containers = readingCommandLines(file, problems, () =>
      commandLinesOf(file, text, form, index, problems, daemons, engine),
    );
    runCommandLineRules(file, index, containers, config, opts, findings, problems);
    runEngineCommandRules(file, index, engine, config, opts, findings, problems);
    pushAll(daemons, heredocDaemons(file, text));
    for (const daemon of daemons) runDaemonRules(daemon, config, opts, findings, problems);
    if (markdown) for (const f of findings) f.severity = 'info';
  }
  // Markdown outside strict is not linted: its suppression comments (examples in docs, like our own rule pages)
  // suppress nothing and are not reported as unused either
  const directives = markdown && config.profile !== 'strict' ? [] : hashDirectives(text, index);
  return finish(file, 'run', findings, problems, directives, index, opts, config);
}

/**
 * The containers a file's command lines start (each `docker run`, a workflow's job and service containers); the
 * daemons its `dockerd` command lines start go to `daemons`.
 */
function commandLinesOf(
  file: string,
  text: string,
  form: RunForm,
  index: LineIndex,
  problems: ParseProblem[],
  daemons: DaemonConfig[],
  engine: EngineCommand[],
) {
  const containers: Container[] = [];
  const unclosed: Span[] = [];
  const shell = (s: ShellPart) => shellCommands(s.m, { ...s.opts, unclosed });
  // the engine commands' subcommands (model/engineCommand.ts): a file that names none has none
  const engineWords = /exec|build|plugin/.test(text);
  const commands = (cmds: Command[]) => {
    pushAll(daemons, commandLineDaemons(file, text, index, cmds));
    if (engineWords) pushAll(engine, engineCommandsOf(text, index, cmds));
    return commandLineContainers(file, text, index, cmds);
  };
  if (form === 'workflow') {
    const parsed = parseYaml(file, text);
    pushAll(problems, parsed.problems);
    pushAll(problems, aliasProblems(parsed, 'GitHub'));
    const wf = workflowOf(parsed);
    for (const s of wf.scripts) pushAll(containers, commands(shell(s)));
    const edit = new YamlEditor(parsed);
    for (const w of wf.containers)
      containers.push(workflowContainer(file, edit, w, w.options ? parseShell(w.options.m, w.options.opts) : []));
  } else if (form === 'gitlab') {
    const parsed = parseYaml(file, text, undefined, false, GITLAB_TAGS);
    pushAll(problems, parsed.problems);
    pushAll(problems, aliasProblems(parsed, 'GitLab'));
    for (const s of gitlabScripts(parsed)) pushAll(containers, commands(shell(s)));
  } else for (const s of shellParts(form, index)) pushAll(containers, commands(shell(s)));
  const seen = new Set<number>();
  for (const u of unclosed) {
    if (seen.has(u.start)) continue;
    seen.add(u.start);
    problems.push({
      file,
      message:
        'A here-document that begins on this line is never closed: the shell reads the rest of the script as its ' +
        'text and runs none of it, so the container commands in that text are not analysed. End it with its ' +
        'delimiter alone on a line',
      range: index.range(u.start, u.start),
      severity: 'error',
    });
  }
  return containers;
}

export const commandLineSource: Source = {
  kind: 'run',
  byName: (file, text) => !!runForm(file, text),
  lint: lintRun,
};
