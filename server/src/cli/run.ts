// A lint run of the CLI: the files to lint and their configs, each file's outcome recorded (fixed in place when
// asked, matched against baselines), and the report with the exit code.
import {
  fixAll,
  matchesAny,
  relativeSlashed,
  ParseCache,
  invalidUtf8Problem,
  type Config,
  type GlobMatcher,
  baselineKey,
  baselineRelative,
  fingerprints,
  renderBaseline,
  type BaselineEntry,
  type Finding,
} from '../engine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigResolver, gitRoot } from '../node/configFiles';
import { excludeMatchers, fsHost, isInside, isLintableFile, isLintablePath, walk, type WalkIssue } from '../node/files';
import { readBaseline } from '../node/baseline';
import { CONFIG_FILE_NAMES } from '../shared/protocol';
import { leftOutUnder, SKIP_DIRS } from '../engine/walk';
import { writeFileSafely, WriteRefused } from '../node/write';
import { atLeast, formatJson, formatSarif, formatText, inertLines, TOOL_NAME, type Report } from './format';
import { unifiedDiff } from './diff';
import { formatCheckstyle, formatGithub, formatGitlab, formatJunit } from './formats';

import type { Args, CliIO } from './args';
import { reportKeepsText, settle, type AnalysisEnv, type Analysed, type Target } from './analyse';

export class LintRun {
  /** Resolved folders given on the command line (where config searches may stop). */
  readonly given: string[] = [];
  private readonly gitRoots = new Map<string, string | undefined>();
  readonly resolver: ConfigResolver;
  /** Each config's exclude globs, compiled once (not once per file). */
  private readonly compiled = new Map<Config, GlobMatcher[]>();
  readonly report: Report = { results: [], errors: [] };
  readonly targets: Target[] = [];
  private readonly seen = new Set<string>();
  private ioError = false;
  private internalError = false;
  /** Where --fix may write: the real paths of the folders and files given on the command line. */
  private readonly fixRoots: string[] = [];
  private readonly fixFiles = new Set<string>();
  private env: AnalysisEnv | undefined;
  private failed = false;
  private diffs = '';
  private readonly written: BaselineEntry[] = [];
  private readonly baselines = new Map<string, Set<string>>();
  private readonly skippedRank: { error?: true; warn?: true } = {};

  constructor(
    readonly args: Args,
    private readonly io: CliIO,
  ) {
    this.resolver = new ConfigResolver(args.config ? path.resolve(io.cwd, args.config) : undefined, (dir) =>
      this.topOf(dir),
    );
    if (args.config) this.resolver.load(path.resolve(io.cwd, args.config));
  }

  topOf(dir: string): string {
    return (
      gitRoot(dir, this.gitRoots) ??
      (isInside(dir, this.io.cwd) ? this.io.cwd : (this.given.find((g) => isInside(dir, g)) ?? dir))
    );
  }

  private excludeOf(config: Config): GlobMatcher[] {
    let m = this.compiled.get(config);
    if (!m) this.compiled.set(config, (m = excludeMatchers(config.exclude)));
    return m;
  }

  private add(abs: string, display: string, explicit: boolean): void {
    if (this.seen.has(abs)) return;
    this.seen.add(abs);
    this.targets.push({ abs, display, explicit });
  }

  /** The files the paths given name: folders walked, files as given. */
  collect(): void {
    const { io } = this;
    for (const p of this.args.paths) {
      if (p === '-') {
        this.collectStdin();
        continue;
      }
      const abs = path.resolve(io.cwd, p);
      let st: fs.Stats;
      try {
        st = fs.statSync(abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        io.stderr(`${TOOL_NAME}: ${p}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? 'cannot read')}\n`);
        this.ioError = true;
        continue;
      }
      const real = realpathOr(abs);
      if (st.isDirectory()) {
        this.given.push(abs);
        this.fixRoots.push(real);
        const issues: WalkIssue[] = [];
        const { file: cfgFile, config } = this.resolver.forFile(path.join(abs, CONFIG_FILE_NAMES[0]));
        const base = cfgFile ? path.dirname(cfgFile) : abs;
        const leave = { contexts: config.contexts, leftOut: [] as WalkIssue[] };
        const found = walk(abs, this.excludeOf(config), issues, base, leave);
        for (const f of found) this.add(f, path.join(p, path.relative(abs, f)), false);
        for (const l of leave.leftOut)
          (this.report.leftOut ??= []).push({ path: path.relative(io.cwd, l.path) || l.path, message: l.message });
        for (const i of issues) {
          const display = path.relative(io.cwd, i.path) || i.path;
          if (i.skipped) this.skipped(display, i.message, i.path);
          else this.report.errors.push({ display, message: i.message, counts: false });
        }
      } else if (!this.args.asWalked || this.walkTakes(abs, real, p)) {
        this.fixFiles.add(real);
        this.add(abs, p, true);
      }
    }
  }

  /**
   * Would a walk of the config's folder (else the current one) lint this file? Not in a folder it excludes, skips or
   * leaves out as third-party code, and a file it lints by name or content (--as-walked). A link to a file outside
   * that folder is not opened, and counts as a skipped file, as in a walk (a hostile repository's `compose.yaml`
   * -> a runner's `~/.docker/config.json`, passed by pre-commit).
   */
  private walkTakes(abs: string, real: string, display: string): boolean {
    const { file: cfgFile, config } = this.resolver.forFile(abs);
    const base = cfgFile ? path.dirname(cfgFile) : this.io.cwd;
    if (isInside(abs, base) && abs !== base) {
      if (real !== abs && !isInside(real, realpathOr(base))) {
        if (isLintablePath(abs)) this.skipped(display, 'symlink to a file outside the tree; not linted', abs);
        return false;
      }
      const exclude = this.excludeOf(config);
      for (let d = abs; d !== base; d = path.dirname(d)) {
        if (matchesAny(exclude, relativeSlashed(base, d))) return false;
        if (d !== abs && SKIP_DIRS.has(path.basename(d))) return false;
      }
      if (leftOutUnder(abs, base, { contexts: config.contexts, leftOut: [] })) return false;
    }
    return isLintableFile(abs);
  }

  /**
   * Standard input as the file --stdin-filename names: linted with that file's kind, config and neighbours (an
   * override file, `.env`, the Dockerfile behind `build:` are read from disk as for that file); never written.
   */
  private collectStdin(): void {
    const name = this.args.stdinFilename!;
    const abs = path.resolve(this.io.cwd, name);
    const max = this.resolver.forFile(abs).config.maxFileSize;
    const bytes = this.io.stdin ? this.io.stdin(max) : undefined;
    if (!this.io.stdin) {
      this.io.stderr(`${TOOL_NAME}: standard input cannot be read here\n`);
      this.ioError = true;
      return;
    }
    this.seen.add(abs);
    this.fixFiles.add(realpathOr(abs)); // for --fix-dry-run's diff (--fix is refused with standard input)
    this.targets.push({
      abs,
      display: name,
      explicit: true,
      stdin: bytes ?? 'too-large',
    });
  }

  /** The file access and options of the serial path (a worker makes its own). */
  environment(): AnalysisEnv {
    return (this.env ??= {
      host: fsHost(
        (abs) => this.resolver.forFile(abs).config.maxFileSize,
        undefined,
        (file) => this.topOf(path.dirname(file)),
      ),
      cache: new ParseCache(),
      inlineIgnores: this.args.inlineIgnores,
      requireReason: this.args.requireReason,
    });
  }

  /** The config a target is linted with, or undefined when the config excludes it. */
  configFor(t: Target): Config | undefined {
    const { file: cfgFile, config: fileConfig } = this.resolver.forFile(t.abs);
    const config = this.args.profile ? { ...fileConfig, profile: this.args.profile } : fileConfig;
    if (t.explicit === false && cfgFile) {
      const rel = relativeSlashed(path.dirname(cfgFile), t.abs);
      if (matchesAny(this.excludeOf(config), rel)) return undefined;
    }
    return config;
  }

  private mayWrite(abs: string): boolean {
    const real = realpathOr(abs);
    return this.fixFiles.has(real) || this.fixRoots.some((r) => isInside(real, r));
  }

  /** A baseline's keys, read once; one that cannot be read or is not a baseline stops the run (exit 2). */
  private baselineOf(file: string): Set<string> {
    let keys = this.baselines.get(file);
    if (keys) return keys;
    const parsed = readBaseline(file);
    if ('error' in parsed)
      throw new ConfigError(`baseline ${path.relative(this.io.cwd, file) || file}: ${parsed.error}`);
    this.baselines.set(file, (keys = parsed.keys));
    return keys;
  }

  private skipped(display: string, message: string, abs: string): void {
    const policy = this.resolver.forFile(abs).config.skipped;
    this.report.errors.push({
      display,
      message,
      counts: policy !== 'ignore',
      level: policy === 'warn' ? 'warning' : 'error',
    });
    this.countIncomplete(abs);
  }

  /** A file not analysed, or not completely: it counts in the exit code as its config's `skipped` policy says. */
  private countIncomplete(abs: string): void {
    const policy = this.resolver.forFile(abs).config.skipped;
    if (policy === 'error') this.skippedRank.error = true;
    else if (policy === 'warn') this.skippedRank.warn = true;
  }

  /** Adds one file's outcome to the report, in the order of the targets; fixes it first when asked (serial). */
  record(t: Target, config: Config, analysed: Analysed, env?: AnalysisEnv): void {
    const { args, io, report } = this;
    const o = analysed.outcome;
    if (o.status === 'config-error') throw new ConfigError(o.message);
    if (o.status === 'missing') {
      report.errors.push({ display: t.display, message: o.error, counts: false });
      if (t.explicit) this.ioError = true;
      return;
    }
    if (o.status === 'unreadable') {
      this.skipped(t.display, o.error, t.abs);
      if (t.explicit && o.error === 'permission denied') this.ioError = true;
      return;
    }
    if (o.status === 'not-lintable') {
      if (t.explicit)
        report.errors.push({
          display: t.display,
          message: 'not a Dockerfile or Compose file (no FROM, no top-level services); skipped',
          counts: false,
        });
      return;
    }
    let { result, text } = o;
    if (o.ruleError) this.internalError = true;
    // a file the engine could not read completely (a syntax error, an alias or a document it did not read, a chain
    // it cut, a file outside the repository it refused): its analysis is incomplete, so it counts as a file that
    // was not analysed (the config's `skipped` policy), never as a clean file
    if (result.problems.some((p) => p.severity === 'error')) this.countIncomplete(t.abs);
    if ((args.fix || args.fixDryRun) && !o.ruleError && analysed.opts && analysed.bytes && env) {
      const fixed = fixAll(t.abs, text, analysed.opts, result);
      if (fixed.refused)
        report.errors.push({ display: t.display, message: `not fixed: ${fixed.refused}`, counts: false });
      if (fixed.text !== text) {
        const refusal = o.encoding
          ? `the file is ${o.encoding} (fixes are written back as UTF-8 only)`
          : o.invalidUtf8
            ? 'the file is not valid UTF-8 (writing it back would replace those bytes)'
            : !this.mayWrite(t.abs)
              ? 'outside the paths given on the command line'
              : undefined;
        if (refusal) report.errors.push({ display: t.display, message: `not fixed: ${refusal}`, counts: false });
        else if (args.fixDryRun) this.diffs += unifiedDiff(t.display.split(path.sep).join('/'), text, fixed.text);
        else {
          try {
            // a link is kept: its target is fixed (mayWrite checked that the target is inside the given paths)
            writeFileSafely(realpathOr(t.abs), (o.bom ? '\uFEFF' : '') + fixed.text, { expected: analysed.bytes });
            text = fixed.text;
            result = fixed.result;
            if (o.invalidUtf8) result.problems.unshift(invalidUtf8Problem(t.abs));
          } catch (e) {
            report.errors.push({
              display: t.display,
              message: `not fixed: ${e instanceof WriteRefused ? e.message : `cannot write the fixed file (${(e as NodeJS.ErrnoException).code ?? 'error'})`}`,
              counts: false,
            });
            this.failed = true;
          }
          env.host.forget(t.abs);
        }
      }
    }
    // Compose `include`: lint the included files as Compose files too
    for (const inc of result.includes ?? []) {
      if (fs.existsSync(inc)) this.add(inc, path.relative(io.cwd, inc) || inc, true);
    }
    // baselines: the findings recorded (written now, or read) are matched by fingerprint, not by line
    let baselined: Finding[] | undefined;
    const writing = args.writeBaseline ? path.resolve(io.cwd, args.writeBaseline) : undefined;
    const reading = args.baseline ? path.resolve(io.cwd, args.baseline) : config.baseline;
    if (writing || reading) {
      if (writing) {
        const rel = baselineRelative(writing, t.abs);
        const findings = result.findings;
        fingerprints(result, text, rel).forEach((fingerprint, i) =>
          this.written.push({ file: rel, ruleId: findings[i].ruleId, fingerprint, message: findings[i].message }),
        );
      } else if (reading) {
        const keys = this.baselineOf(reading);
        const rel = baselineRelative(reading, t.abs);
        const fps = fingerprints(result, text, rel);
        const isOld = (i: number) => keys.has(baselineKey(rel, fps[i]));
        baselined = result.findings.filter((_, i) => isOld(i));
        result = { ...result, findings: result.findings.filter((_, i) => !isOld(i)) };
        report.baseline = true;
      }
    }
    const display = (abs: string) => path.relative(io.cwd, abs) || abs;
    report.results.push({
      display: t.display,
      result: settle({ ...result, file: t.display }, args.format !== 'text', display),
      ...(reportKeepsText(args) ? { text } : {}),
      ...(baselined ? { baselined: settle({ ...result, findings: baselined }, false, display).findings } : {}),
    });
  }

  /** Writes the baseline and the report; the exit code. */
  finish(): number {
    const { args, io, report } = this;
    if (args.writeBaseline) {
      const file = path.resolve(io.cwd, args.writeBaseline);
      try {
        writeFileSafely(file, renderBaseline(this.written));
      } catch (e) {
        io.stderr(
          `${TOOL_NAME}: cannot write ${args.writeBaseline}: ` +
            `${e instanceof WriteRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? 'error')}\n`,
        );
        return 2;
      }
      io.stderr(
        `${TOOL_NAME}: wrote ${this.written.length} finding${this.written.length === 1 ? '' : 's'} to ${args.writeBaseline}\n`,
      );
    }
    let out: string;
    const top = () => this.topOf(io.cwd);
    if (args.format === 'json') out = formatJson(report);
    else if (args.format === 'sarif') out = formatSarif(report, top(), io.cwd);
    else if (args.format === 'checkstyle') out = formatCheckstyle(report, top(), io.cwd);
    else if (args.format === 'junit') out = formatJunit(report, top(), io.cwd);
    else if (args.format === 'gitlab') out = formatGitlab(report, top(), io.cwd);
    else if (args.format === 'github') out = formatGithub(report, top(), io.cwd);
    else {
      const color = args.color ?? (io.isTTY && !args.output && !io.env.NO_COLOR);
      out = (args.fixDryRun ? inertLines(this.diffs) : '') + formatText(report, color);
    }
    if (args.fixDryRun && args.format !== 'text' && this.diffs) io.stderr(this.diffs);
    if (args.output) {
      try {
        writeFileSafely(path.resolve(io.cwd, args.output), out);
      } catch (e) {
        io.stderr(
          `${TOOL_NAME}: cannot write ${args.output}: ` +
            `${e instanceof WriteRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? 'error')}\n`,
        );
        return 2;
      }
    } else io.stdout(out);
    if (this.ioError || this.failed) return 2;
    if (args.failOn === 'none' || args.writeBaseline) return 0;
    if (this.internalError) {
      io.stderr(
        `${TOOL_NAME}: an internal error stopped part of the analysis (see the report); the result cannot be trusted\n`,
      );
      return 2;
    }
    const threshold = args.failOn;
    if (this.skippedRank.error || (this.skippedRank.warn && atLeast('warning', threshold))) return 1;
    return report.results.some(({ result }) => result.findings.some((f) => atLeast(f.severity, threshold))) ? 1 : 0;
  }
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p); // a broken link or a vanished file: judged by the path as given
  }
}
