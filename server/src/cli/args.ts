// The CLI's command line: its options, read into Args, and the help text.
import { PROFILES, type Profile, type Severity } from '../engine';
import { TOOL_NAME } from './format';

export const HELP = `Usage: ${TOOL_NAME} [options] [paths...]

Finds container security misconfigurations in Dockerfiles, Docker Compose files, devcontainer.json,
the Docker daemon's configuration and docker run command lines.
Directories are searched for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, compose.yaml,
docker-compose.yml, compose.*.yaml..., .devcontainer/devcontainer.json, .devcontainer.json,
daemon.json, docker.service(.d/*.conf), *.sh, *.bash, Makefile, *.mk, justfile, *.just,
.github/workflows/*.yml, .gitlab-ci.yml, *.gitlab-ci.yml and *.md (Markdown in --profile strict only); by their content for
Dockerfile-prod and the like, YAML files that are Compose projects and scripts with a shell shebang;
templates of them (Dockerfile.j2, docker-compose.yml.j2) (skipping .git, node_modules, third-party
folders and what the config excludes); files named explicitly are linted whatever their names (a
script by its shebang), unless --as-walked. Default path: .

Options:
  --format FORMAT            text (default), json, sarif, checkstyle, junit, gitlab (Code Quality) or github
                             (workflow commands: annotations)
  --stdin-filename NAME      with the path '-': lint standard input as the file NAME (its kind, config and
                             neighbours are NAME's)
  --as-walked                files named explicitly are taken as a folder walk takes them: one it would not
                             lint (another kind of file, excluded by the config, in a third-party folder)
                             is skipped without a word (for pre-commit and tools that pass every changed file)
  -o, --output FILE          write the report to FILE instead of standard output
  --fail-on LEVEL            exit 1 when a finding is at or above LEVEL: error, warning, info, hint, none
                             (default: error)
  --profile recommended|strict
                             which findings to report (default: the config's profile, else recommended)
  --config FILE              use this config instead of the nearest .docker-security-lint.yaml
  --baseline FILE            report (and fail on) only findings not in FILE (default: the config's baseline)
  --write-baseline FILE      record every finding in FILE (a baseline), then report as usual and exit 0
  --fix                      apply safe fixes in place, then report what remains
  --fix-dry-run              print the safe fixes as a unified diff; change nothing
  --no-inline-ignores        ignore '# docker-security-lint ignore=' comments
  --require-ignore-reason    report ignore comments without '-- reason' (meta/ignore-without-reason)
  --color, --no-color        force or disable colours (default: on for a terminal, off with NO_COLOR)
  -j, --jobs N               lint on N threads (default: one per usable core but one, from 4 cores;
                             on fewer, this thread only; --fix: one)
  --explain RULE-ID          print a rule's documentation (what, why, how to fix, examples) and exit
  --list-rules               print every rule: severity per profile, quadrant, fix (--format json too)
  --init                     write a commented starter .docker-security-lint.yaml here (never overwrites)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, config or I/O error.
`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Standard input, read when the path `-` is given (up to `max` bytes; more: undefined). */
  stdin?: (max: number) => Buffer | undefined;
}

export class UsageError extends Error {}

export const FORMATS = ['text', 'json', 'sarif', 'checkstyle', 'junit', 'gitlab', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface Args {
  paths: string[];
  format: Format;
  /** The name standard input is linted as (the path `-`). */
  stdinFilename?: string;
  output?: string;
  failOn: Severity | 'none';
  profile?: Profile;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  fix: boolean;
  fixDryRun: boolean;
  inlineIgnores: boolean;
  requireReason: boolean;
  color?: boolean;
  /** Worker threads for the lint (default: the available cores; 1: this thread only). */
  jobs?: number;
  /** Files named explicitly are taken as a folder walk takes them (--as-walked). */
  asWalked?: boolean;
  /** A command instead of a lint: --explain, --list-rules, --init. */
  command?: { explain: string } | 'list-rules' | 'init';
}

export function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const a: Args = {
    paths: [],
    format: 'text',
    failOn: 'error',
    fix: false,
    fixDryRun: false,
    inlineIgnores: true,
    requireReason: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const [flag, inline] =
      raw.startsWith('--') && raw.includes('=')
        ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
        : [raw, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v))
          throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or github, not '${v}'`);
        a.format = v as Format;
        break;
      }
      case '--stdin-filename':
        a.stdinFilename = value();
        break;
      case '-o':
      case '--output':
        a.output = value();
        break;
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(v))
          throw new UsageError(`--fail-on must be error, warning, info, hint or none, not '${v}'`);
        a.failOn = v as Args['failOn'];
        break;
      }
      case '--profile': {
        const v = value();
        if (!(PROFILES as readonly string[]).includes(v))
          throw new UsageError(`--profile must be ${PROFILES.join(' or ')}, not '${v}'`);
        a.profile = v as Profile;
        break;
      }
      case '--config':
        a.config = value();
        break;
      case '--baseline':
        a.baseline = value();
        break;
      case '--write-baseline':
        a.writeBaseline = value();
        break;
      case '--fix':
        a.fix = true;
        break;
      case '--as-walked':
        a.asWalked = true;
        break;
      case '--fix-dry-run':
        a.fixDryRun = true;
        break;
      case '--no-inline-ignores':
        a.inlineIgnores = false;
        break;
      case '--require-ignore-reason':
        a.requireReason = true;
        break;
      case '--color':
        a.color = true;
        break;
      case '--no-color':
        a.color = false;
        break;
      case '-j':
      case '--jobs': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256)
          throw new UsageError(`--jobs must be a whole number from 1 to 256, not '${v}'`);
        a.jobs = Number(v);
        break;
      }
      case '--explain':
        a.command = { explain: value() };
        break;
      case '--list-rules':
        a.command = 'list-rules';
        break;
      case '--init':
        a.command = 'init';
        break;
      case '--':
        a.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (raw.startsWith('-') && raw !== '-') throw new UsageError(`unknown option '${raw}' (see --help)`);
        a.paths.push(raw);
    }
  }
  if (a.fix && a.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (a.paths.includes('-')) {
    if (a.paths.length > 1) throw new UsageError("the path '-' (standard input) cannot be given with other paths");
    if (!a.stdinFilename)
      throw new UsageError("the path '-' needs --stdin-filename NAME: the name tells what kind of file it is");
    if (a.fix) throw new UsageError('--fix cannot write standard input back: use --fix-dry-run');
  } else if (a.stdinFilename) throw new UsageError("--stdin-filename goes with the path '-' (standard input)");
  if (!a.paths.length) a.paths.push('.');
  return a;
}

/** --explain, --list-rules, --init: 0 when done, 2 on a usage error or when --init would overwrite. */
