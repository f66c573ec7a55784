// What the server knows about the workspace: its folders, open documents, files found by the scan, the config
// files in force, and the file host the engine reads through (the editor's text for open documents, bounded disk
// reads for the rest).
import * as path from 'node:path';
import {
  DiagnosticSeverity,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  compileGlob,
  defaultConfig,
  detectKind,
  matchesAny,
  mergeConfig,
  ParseCache,
  type Config,
  type GlobMatcher,
  type LintResult,
  type RuleSetting,
  type ParseProblem,
  type Kind,
} from '../engine';
import { CONFIG_FILE_NAMES } from '../shared/protocol';
import { ConfigResolver } from '../engine/config/resolver';
import { isInside, relativeSlashed } from '../engine/vocabulary/paths';
import type { Platform, ServerHost } from './platform';
import type { Settings } from './settings';

export interface OpenResult {
  version: number | null;
  text: string;
  result: LintResult;
}

export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  /** The editor's parse cache: keeps every file, re-parses only the services an edit touched. */
  readonly cache = new ParseCache(64, true);
  folders: WorkspaceFolder[] = [];
  /** Last lint result of each open document, with the text it was computed on (for code actions). */
  readonly results = new Map<string, OpenResult>();
  /** URIs found by the workspace scan (and created since). */
  readonly files = new Set<string>();
  /** Compose files by folder (workspace and open ones), to find a file's base/override siblings quickly. */
  private readonly composeByDir = new Map<string, Set<string>>();
  private configResolver: ConfigResolver;
  /** Config files whose problems were published (how many), so that fixing a config clears its diagnostics. */
  private readonly publishedConfigs = new Map<string, number>();
  private readonly globs = new Map<string, GlobMatcher>();
  private readonly logged = new Set<string>();
  readonly host: ServerHost;

  constructor(
    private readonly connection: Connection,
    readonly platform: Platform,
  ) {
    this.configResolver = this.newResolver();
    const overlay = (p: string) => this.documents.get(this.pathToUri(p))?.getText();
    const maxOf = (p: string) => {
      try {
        return this.configResolver.forFile(p).config.maxFileSize;
      } catch {
        return defaultConfig().maxFileSize; // an unreadable config: its problem is published on it
      }
    };
    this.host = platform.host(maxOf, overlay, (file) => this.folderOf(file));
  }

  /** Logs a message once per key (a rule that fails on every keystroke logs once). */
  logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.connection.console.error(message);
  }

  // ---- config files ----

  private newResolver(): ConfigResolver {
    // the search for a config file stops at the workspace folder
    return new ConfigResolver(undefined, (dir) => this.folderOf(dir) ?? dir, false, this.platform.configAccess);
  }

  /** Config files changed (or the folders did): read them again; `republish`: show every config's problems again. */
  resetConfigs(republish: boolean): void {
    this.configResolver = this.newResolver();
    if (republish) for (const f of this.publishedConfigs.keys()) this.publishedConfigs.set(f, -1);
  }

  /** The config files read so far (for the log). */
  configFiles(): string[] {
    return [...this.configResolver.files.keys()];
  }

  configDeleted(file: string, uri: string): void {
    this.publishedConfigs.delete(file);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  configChanged(file: string): void {
    this.publishedConfigs.set(file, -1); // force a re-publish (valid now: clears; invalid: new problems)
  }

  private publishConfigProblems(): void {
    for (const [file, problems] of this.configResolver.files) {
      // an open config file shows the problems of the editor's text (see Diagnostics.lintUri)
      if (this.documents.get(this.pathToUri(file))) continue;
      const prev = this.publishedConfigs.get(file);
      if (prev === problems.length) continue; // already shown (a config that changed on disk is marked -1)
      this.publishedConfigs.set(file, problems.length);
      if (prev === undefined && problems.length === 0) continue; // valid and never shown: nothing to clear
      void this.connection.sendDiagnostics({
        uri: this.pathToUri(file),
        diagnostics: configDiagnostics(problems),
      });
    }
  }

  /** The config in force for a file: its config file, with the editor settings over it. */
  configFor(file: string, s: Settings): Config {
    let base: Config;
    try {
      base = this.configResolver.forFile(file).config;
    } catch {
      base = defaultConfig(); // not strict: problems are recorded and published, never thrown; defensive
    }
    this.publishConfigProblems();
    return mergeConfig(base, {
      rules: ruleSettings(s),
      exclude: s.exclude,
      fixes: s.fixes as Config['fixes'],
      profile: s.profile,
    });
  }

  // ---- folders and files ----

  /** The engine's path of a URI the server can read (see Platform). */
  uriToPath(uri: string): string | undefined {
    return this.platform.uriToPath(uri);
  }

  pathToUri(p: string): string {
    return this.platform.pathToUri(p);
  }

  folderOf(file: string): string | undefined {
    for (const f of this.folders) {
      const dir = this.uriToPath(f.uri);
      if (dir && isInside(file, dir)) return dir;
    }
    return undefined;
  }

  matchers(globs: readonly string[]): GlobMatcher[] {
    return globs.map((g) => {
      let m = this.globs.get(g);
      if (!m) this.globs.set(g, (m = compileGlob(g)));
      return m;
    });
  }

  excluded(file: string, s: Settings, config: Config): boolean {
    const root = this.folderOf(file);
    if (!root) return false;
    const rel = relativeSlashed(root, file);
    return matchesAny(this.matchers(s.exclude), rel) || matchesAny(this.matchers(config.exclude), rel);
  }

  /** Records (or forgets) a Compose file for the sibling index. */
  track(uri: string, on: boolean): void {
    const file = this.uriToPath(uri);
    if (!file || detectKind(file, '', false) !== 'compose') return;
    const dir = path.dirname(file);
    let set = this.composeByDir.get(dir);
    if (on) {
      if (!set) this.composeByDir.set(dir, (set = new Set()));
      set.add(uri);
    } else if (set) {
      set.delete(uri);
      if (!set.size) this.composeByDir.delete(dir);
    }
  }

  /** What each linted URI's analysis read (files, and folders ending in the separator), and the reverse. */
  private readonly depsOf = new Map<string, string[]>();
  private readonly dependents = new Map<string, Set<string>>();

  /** Records what a URI's last analysis read (an empty list forgets it). */
  setDependencies(uri: string, paths: readonly string[] = []): void {
    for (const p of this.depsOf.get(uri) ?? []) {
      const set = this.dependents.get(p);
      set?.delete(uri);
      if (set && !set.size) this.dependents.delete(p);
    }
    if (!paths.length) {
      this.depsOf.delete(uri);
      return;
    }
    this.depsOf.set(uri, [...paths]);
    for (const p of paths) {
      let set = this.dependents.get(p);
      if (!set) this.dependents.set(p, (set = new Set()));
      set.add(uri);
    }
  }

  /**
   * URIs whose analysis read this file, or listed its folder (a file created or deleted there changes the
   * listing): a `.env`, a `.dockerignore`, a Dockerfile behind `build:`, a Compose file that builds a Dockerfile,
   * a sensitive file in a build context.
   */
  dependentsOf(file: string): string[] {
    const out = new Set<string>();
    for (const u of this.dependents.get(file) ?? []) out.add(u);
    for (const u of this.dependents.get(path.dirname(file) + path.sep) ?? []) out.add(u);
    for (const u of this.dependents.get(file + path.sep) ?? []) out.add(u);
    return [...out];
  }

  /** Files whose analysis depends on this one (its base/override siblings), to re-lint together. */
  siblings(file: string): string[] {
    const out: string[] = [];
    for (const uri of this.composeByDir.get(path.dirname(file)) ?? []) if (this.uriToPath(uri) !== file) out.push(uri);
    return out;
  }
}

/** Is this a config file (`.docker-security-lint.yaml`), by its name? */
export function isConfigFile(file: string): boolean {
  return CONFIG_FILE_NAMES.includes(path.basename(file));
}

/** A config file's problems as diagnostics on it (the message without the file and line it starts with). */
export function configDiagnostics(problems: readonly ParseProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: p.range,
    severity: DiagnosticSeverity.Error,
    source: 'docker-security-lint',
    message: `${p.message.replace(/^[^:]+:(\d+:)? /, '')} (the defaults are in force for this key)`,
  }));
}

/** Rule severities from the settings, as config rule settings. */
export function ruleSettings(s: Settings): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, sev] of Object.entries(s.rules)) rules[id] = { severity: sev, options: {} };
  return rules;
}

/** An untitled document has no folder and no config file: the defaults and the settings. */
export function untitledConfig(s: Settings): Config {
  return mergeConfig(defaultConfig(), {
    rules: ruleSettings(s),
    fixes: s.fixes as Config['fixes'],
    profile: s.profile,
  });
}

/** The name an untitled document is linted under (its kind comes from the editor's language). */
export function untitledName(kind: Kind): string {
  const name = {
    compose: 'compose.yaml',
    dockerfile: 'Dockerfile',
    devcontainer: '.devcontainer.json',
    daemon: 'daemon.json',
    run: 'script.sh',
  }[kind];
  return path.join(path.sep, 'untitled', name);
}
