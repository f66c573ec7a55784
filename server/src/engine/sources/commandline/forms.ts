// Where containers are started by command lines: shell scripts, Makefile recipes, GitHub Actions workflows (the
// `run:` steps, and the job and service containers, whose `options` are `docker create` flags), GitLab CI files
// (the jobs' `script`, `before_script` and `after_script` lines) and the shell code blocks of Markdown files. Each source gives the shell text it holds, mapped to its offsets in the file.
import * as path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedYaml } from '../compose/yaml';
import { ENGINE_PROGRAMS } from '../../model/dockerRun';
import { mapped, type Mapped, type ShellOptions, type Span } from '../../model/shell/parse';
import type { LineIndex } from '../../text';
import { Builder, lines } from './text';
import { makeAssignments, makeRecipes } from './make';
import { justAssignments, justRecipes } from './just';

export type RunForm = 'shell' | 'make' | 'just' | 'workflow' | 'gitlab' | 'markdown';

const MARKDOWN = /\.(md|markdown)$/i;
/** The files a shell reads at start-up, shell scripts whatever their first line. */
const SHELL_STARTUP = /^\.(bashrc|bash_profile|bash_login|bash_aliases|profile)$/;

/** The form of a file that starts containers by command lines, by its name (and a shebang for other names). */
export function runForm(file: string, text?: string): RunForm | undefined {
  const name = path.basename(file);
  if (/\.(sh|bash)$/i.test(name) || SHELL_STARTUP.test(name)) return 'shell';
  if (/^(GNUmakefile|[Mm]akefile)$/.test(name) || /\.mk$/i.test(name)) return 'make';
  if (/^\.?justfile$/i.test(name) || /\.just$/i.test(name)) return 'just';
  if (MARKDOWN.test(name)) return 'markdown';
  if (/\.ya?ml$/i.test(name) && (isWorkflowPath(file) || isActionName(name))) return 'workflow';
  if (isGitlabCiName(name)) return 'gitlab';
  if (text !== undefined && hasNoExtension(name) && isShellShebang(text)) return 'shell';
  return undefined;
}

/** A file name without an extension (`deploy`, and `.dockerfunc`: a leading dot is part of the name). */
export function hasNoExtension(name: string): boolean {
  return !name.includes('.', 1);
}

/** `.gitlab-ci.yml` (GitLab's default name) and `<name>.gitlab-ci.yml` (the usual name of an included one). */
export function isGitlabCiName(name: string): boolean {
  return /\.gitlab-ci\.ya?ml$/i.test(name);
}

/** A GitHub action's metadata file (`action.yml`, `action.yaml`): a composite action's steps are command lines. */
export function isActionName(name: string): boolean {
  return /^action\.ya?ml$/i.test(name);
}

/** `.github/workflows/*.yml`. */
export function isWorkflowPath(file: string): boolean {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 2] === 'workflows' && parts[parts.length - 3] === '.github';
}

/** `#!/bin/sh`, `#!/usr/bin/env bash` and the like on the first line. */
export function isShellShebang(text: string): boolean {
  if (!text.startsWith('#!')) return false;
  const eol = text.indexOf('\n');
  const line = text.slice(2, eol < 0 ? Math.min(text.length, 200) : Math.min(eol, 200)).trim();
  const words = line.split(/[ \t]+/);
  const prog = words[0].slice(words[0].lastIndexOf('/') + 1);
  const shell = prog === 'env' ? words.find((w, i) => i > 0 && !w.startsWith('-')) : prog;
  return shell === 'sh' || shell === 'bash' || shell === 'dash' || shell === 'ash' || shell === 'ksh';
}

/** Cheap look before any parsing: a text that names no engine program (nor buildkitd) runs none of them. */
export function mentionsEngine(text: string): boolean {
  return ENGINE_PROGRAMS.some((name) => text.includes(name)) || text.includes('buildkitd');
}

/** The same look for a file of command lines (a workflow also declares containers by keys). */
export function mayStartContainers(form: RunForm, text: string): boolean {
  if (mentionsEngine(text)) return true;
  return form === 'workflow' && (text.includes('container') || text.includes('services'));
}

/** A piece of shell text of a file, and how to read it. */
export interface ShellPart {
  m: Mapped;
  opts: ShellOptions;
}

/** The shell text of a shell script, a Makefile's or a justfile's recipes or a Markdown file's shell code blocks. */
export function shellParts(form: Exclude<RunForm, 'workflow' | 'gitlab'>, index: LineIndex): ShellPart[] {
  const { text } = index;
  if (form === 'shell') return [{ m: mapped(text, 0), opts: {} }];
  if (form === 'make') {
    const { vars, origins } = makeAssignments(index);
    return [{ m: makeRecipes(index), opts: { make: true, makeVars: vars, origins } }];
  }
  if (form === 'just') return [{ m: justRecipes(index, isShellShebang), opts: justAssignments(index) }];
  return markdownBlocks(index).map((m) => ({ m, opts: {} }));
}

/** A shell prompt: `$ `, or one that names the user, host and folder first (`me@box:~/src$ `). */
const PROMPT = /^[ \t]*(?:[\w.-]{1,64}@[\w.-]{1,64}(?::[^\s$]{0,200})?)?[$] /;

const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session', 'shellsession', 'terminal']);
const SESSION_FENCES = new Set(['console', 'shell-session', 'shellsession', 'terminal']);

/**
 * Markdown code blocks fenced as a shell (```sh, ```bash, ```shell, ```console), or with no language at all (they
 * hold commands as often as output): their lines, a `$ ` prompt (or `user@host:folder$ `) removed; in a session (```console), only the lines
 * after a prompt and their continuations (the rest is output). Fences indented inside list items count too.
 */
function markdownBlocks(index: LineIndex): Mapped[] {
  const { text } = index;
  const out: Mapped[] = [];
  let fence: { ch: string; len: number; session: boolean; b: Builder } | undefined;
  let skipping: { ch: string; len: number } | undefined;
  let continued = false;
  for (const [s, e] of lines(index)) {
    const line = text.slice(s, e);
    const open = /^ {0,12}(`{3,}|~{3,})/.exec(line);
    const current = fence ?? skipping;
    if (current) {
      const closing = open && open[1][0] === current.ch && open[1].length >= current.len && line.trim() === open[1];
      if (closing) {
        if (fence) out.push(fence.b.done(s));
        fence = skipping = undefined;
        continue;
      }
      if (!fence) continue;
      const prompt = PROMPT.exec(line);
      if (prompt || !fence.session || continued) {
        fence.b.line(s + (prompt ? prompt[0].length : 0), e);
        continued = line.endsWith('\\');
      }
      continue;
    }
    if (open) {
      const lang = line
        .slice(open[0].length)
        .trim()
        .split(/[ \t{,]/, 1)[0]
        .toLowerCase();
      if (SHELL_FENCES.has(lang) || lang === '')
        fence = { ch: open[1][0], len: open[1].length, session: SESSION_FENCES.has(lang), b: new Builder(text) };
      else skipping = { ch: open[1][0], len: open[1].length };
      continued = false;
    }
  }
  if (fence) out.push(fence.b.done(text.length));
  return out;
}

// ---- GitLab CI ----

/** Keys of a GitLab CI job whose lines are shell commands. */
const GITLAB_SCRIPTS = ['before_script', 'script', 'after_script'];

/**
 * The shell lines of a GitLab CI file: every top-level mapping's `script`, `before_script` and `after_script` (jobs,
 * hidden `.templates`, `default`), each a string or a list of strings (nested lists, from anchors, flattened).
 * `$VAR` and `${VAR}` are the shell's (GitLab passes its variables as the environment).
 */
export function gitlabScripts(file: ParsedYaml): ShellPart[] {
  const { text } = file;
  const out: ShellPart[] = [];
  // every document: a file with a `spec:` header has its jobs in the second
  for (const parsed of [file, ...file.more]) {
    const root = parsed.doc.contents;
    if (!isMap(root)) continue;
    const d = derefOf(parsed);
    const add = (n: unknown, depth: number): void => {
      if (depth > 8) return;
      const x = d(n); // `script: *steps`: the lines where they are written
      if (isScalar(x) && typeof x.value === 'string') {
        const m = scalarText(text, x);
        if (m) out.push({ m, opts: {} });
      } else if (isSeq(x) && x.tag !== '!reference') for (const item of x.items) add(item, depth + 1);
    };
    for (const job of root.items) for (const key of GITLAB_SCRIPTS) add(get(job.value, key, d), 0);
  }
  return out;
}

/** Follows aliases (a bounded number of hops) to the node they refer to. */
type Deref = (n: unknown) => unknown;
function derefOf(parsed: ParsedYaml): Deref {
  return (n) => {
    let x = n;
    for (let hops = 0; isAlias(x) && hops < 8; hops++) x = parsed.resolveAlias(x);
    return x;
  };
}

// ---- GitHub Actions workflows ----

/** A scalar of the workflow and its range. */
export interface YamlValue {
  value: string;
  node: Scalar;
  start: number;
  end: number;
}

/** A list item of a workflow container (a volume), with its list. */
export interface YamlItem extends YamlValue {
  seq: YAMLSeq;
}

/** A job's `container` or one of its `services`: the options string, and the volumes and env GitHub turns into flags. */
export interface WorkflowContainer {
  kind: 'job' | 'service';
  /** The job's id, or the service's label. */
  name: string;
  /** The key that declares it (`container:`, the service's label). */
  key: { start: number; end: number };
  image: YamlValue | undefined;
  options: ShellPart | undefined;
  volumes: YamlItem[];
  env: { name: string; value: YamlValue; map: YAMLMap; pair: Pair; span: Span }[];
}

export interface Workflow {
  scripts: ShellPart[];
  containers: WorkflowContainer[];
}

const NOT_POSIX = /^(pwsh|powershell|python|cmd|node)\b/;

/**
 * The `run:` steps and the job and service containers of a workflow, or the `run:` steps of a composite action
 * (`action.yml` whose `runs.using` is `composite`; other actions run JavaScript or a container image).
 */
export function workflowOf(file: ParsedYaml): Workflow {
  const { text } = file;
  const out: Workflow = { scripts: [], containers: [] };
  for (const parsed of [file, ...file.more]) {
    const d = derefOf(parsed);
    const root = parsed.doc.contents;
    const runSteps = (steps: unknown, defaultShell: string | undefined) => {
      for (const step of items(steps, d)) {
        const run = get(step, 'run', d);
        const shell = str(get(step, 'shell', d)) ?? defaultShell;
        if (isScalar(run) && typeof run.value === 'string' && !(shell && NOT_POSIX.test(shell))) {
          const m = scalarText(text, run);
          if (m) out.scripts.push({ m, opts: { templates: true } });
        }
      }
    };
    const runs = get(root, 'runs', d);
    if (str(get(runs, 'using', d)) === 'composite') runSteps(get(runs, 'steps', d), undefined);
    const jobs = get(root, 'jobs', d);
    if (!isMap(jobs)) continue;
    const shellOf = (n: unknown) => str(get(get(get(n, 'defaults', d), 'run', d), 'shell', d));
    const workflowShell = shellOf(root);
    for (const job of jobs.items) {
      const name = isScalar(job.key) ? String(job.key.value) : '';
      runSteps(get(job.value, 'steps', d), shellOf(job.value) ?? workflowShell);
      const container = pairOf(job.value, 'container', d);
      const value = d(container?.value);
      if (container && isMap(value))
        out.containers.push(workflowContainer(text, 'job', name, container.key as Node, value, d));
      const services = get(job.value, 'services', d);
      for (const svc of isMap(services) ? services.items : []) {
        const v = d(svc.value);
        if (isMap(v) && isScalar(svc.key))
          out.containers.push(workflowContainer(text, 'service', String(svc.key.value), svc.key, v, d));
      }
    }
  }
  return out;
}

function workflowContainer(
  text: string,
  kind: 'job' | 'service',
  name: string,
  key: Node,
  n: Node,
  d: Deref,
): WorkflowContainer {
  const value = (node: unknown): YamlValue | undefined => {
    const v = d(node);
    if (!isScalar(v) || !v.range) return undefined;
    const x = v.value;
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') return undefined;
    return { value: String(x), node: v, start: v.range[0], end: v.range[1] };
  };
  const list = (node: unknown): YamlItem[] => {
    const v = d(node);
    return isSeq(v)
      ? v.items.flatMap((i) => {
          const x = value(i);
          return x ? [{ ...x, seq: v }] : [];
        })
      : [];
  };
  const options = get(n, 'options', d);
  const m = isScalar(options) && typeof options.value === 'string' ? scalarText(text, options) : undefined;
  const env = get(n, 'env', d);
  return {
    kind,
    name,
    key: { start: key.range?.[0] ?? 0, end: key.range?.[1] ?? 0 },
    image: value(get(n, 'image', d)),
    options: m && { m, opts: { templates: true } },
    volumes: list(get(n, 'volumes', d)),
    env: (isMap(env) ? env.items : []).flatMap((p) => {
      const v = value(p.value);
      const k = p.key as Node;
      return v && isScalar(k) && k.range
        ? [{ name: String(k.value), value: v, map: env as YAMLMap, pair: p, span: { start: k.range[0], end: v.end } }]
        : [];
    }),
  };
}

function pairOf(n: unknown, key: string, d: Deref): Pair | undefined {
  const m = d(n);
  return isMap(m) ? m.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
}
function get(n: unknown, key: string, d: Deref): unknown {
  return d(pairOf(n, key, d)?.value);
}
function items(n: unknown, d: Deref): unknown[] {
  const s = d(n);
  return isSeq(s) ? s.items.map(d) : [];
}
function str(n: unknown): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

/**
 * A scalar's text as the shell gets it, mapped to the file: a literal block's lines as written (their indentation
 * is only whitespace to the shell), a folded block's or a multi-line plain scalar's lines joined by spaces, a quoted
 * scalar's inside. Undefined for a double-quoted scalar with escapes (its text is not the file's).
 */
function scalarText(text: string, n: Scalar): Mapped | undefined {
  const [start, end] = n.range!;
  const b = new Builder(text);
  if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') {
    const body = text.indexOf('\n', start) + 1;
    if (body <= 0 || body > end) return b.done(end);
    if (n.type === 'BLOCK_LITERAL') {
      b.take(body, end);
      return b.done(end);
    }
    return fold(b, text, body, end);
  }
  if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') {
    const inner = text.slice(start + 1, end - 1);
    if (n.type === 'QUOTE_DOUBLE' ? inner.includes('\\') : inner.includes("''")) return undefined;
    return fold(b, text, start + 1, end - 1);
  }
  return fold(b, text, start, end);
}

/** Lines joined by a space where YAML folds them (a blank line stays a line break). */
/**
 * A folded scalar's text (`>`, plain or quoted over several lines): a line break between two lines is a space, an
 * empty line a newline. When a line was folded, the words are placed but marked approximate, so that no fix edits
 * them: removing a flag that stands alone on its line would leave an empty line, which YAML reads as a newline,
 * splitting the command in two.
 */
function fold(b: Builder, text: string, from: number, to: number): Mapped {
  let i = from;
  let folded = false;
  while (i < to) {
    const nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= to) {
      b.take(i, to);
      break;
    }
    b.take(i, nl);
    const next = text.indexOf('\n', nl + 1);
    const nextLine = text.slice(nl + 1, next < 0 || next > to ? to : next);
    const newline = nextLine.trim() === '' || text.slice(i, nl).trim() === '';
    if (!newline) folded = true;
    b.put(newline ? '\n' : ' ', nl);
    i = nl + 1;
  }
  const m = b.done(to);
  return folded ? { ...m, approximate: true, folded: true } : m;
}
