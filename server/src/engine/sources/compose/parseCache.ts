// The parse cache of Compose files (and of the last project built from them), shared by the files of a lint run
// or an editor session.
import type { Host } from '../../types';
import { parseYaml, type ParsedYaml } from './yaml';

type Sets = readonly (readonly string[])[];

/** How many derived results (see ParseCache.derived) are kept: a build context holds its listings (20,000 entries). */
const MAX_DERIVED = 8;

interface BuiltProject {
  file: string;
  text: string;
  sets: Sets;
  /** Every file the project read besides `file`, with what it read (undefined: missing or refused). */
  reads: Map<string, string | undefined>;
  project: unknown;
}

function sameSets(a: Sets, b: Sets): boolean {
  return (
    a === b ||
    (a.length === b.length && a.every((s, i) => s.length === b[i].length && s.every((f, k) => f === b[i][k])))
  );
}

/**
 * Parsed files are cached by path and text so that a base and its override file are parsed once. A small LRU:
 * holding every parsed document of a large workspace costs more in garbage collection than re-parsing saves. For
 * the same reason a file alone in its project (no override file beside it, no `extends.file`) is not kept in a
 * workspace scan: keeping it makes each of its nodes survive garbage collections, which cost a scan of 1,000
 * projects about 25% of its time. The editor's cache (`incremental`) keeps every file: its next version is parsed
 * from this one.
 */
export class ParseCache {
  /** The last project built (see loadProject), with what it was built from: every file it read, as read. */
  private lastProject: BuiltProject | undefined;
  private readonly derivedByKey = new Map<string, unknown>();
  private readonly map = new Map<string, ParsedYaml>();
  /**
   * The last file parsed and not kept: a Dockerfile's lint reads the Compose file beside it, which is linted next
   * (or was just before): one document more alive, and the second parse of every project is saved.
   */
  private last: ParsedYaml | undefined;
  /** `incremental`: re-parse only the changed services of a file seen before (for an editor). */
  constructor(
    private readonly capacity = 64,
    private readonly incremental = false,
  ) {}
  /** `keep`: the file will be asked for again (it belongs to a project of several files). */
  get(file: string, text: string, keep = true): ParsedYaml {
    const hit = this.map.get(file);
    if (hit && hit.text === text) {
      this.map.delete(file);
      this.map.set(file, hit);
      return hit;
    }
    const recent = this.last?.path === file && this.last.text === text ? this.last : undefined;
    const p = recent ?? parseYaml(file, text, hit, this.incremental);
    this.map.delete(file);
    if (!keep && !this.incremental) {
      this.last = p;
      return p;
    }
    this.map.set(file, p);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
    return p;
  }
  delete(file: string): void {
    this.map.delete(file);
    if (this.last?.path === file) this.last = undefined;
    if (this.lastProject?.reads.has(file)) this.lastProject = undefined;
  }

  /**
   * The project last built for `file`, if it was built from this text and these sets and every other file it
   * read still reads the same (each is read again through `host`, so that a caller recording reads sees them).
   */
  project(file: string, text: string, sets: Sets, host: Host): unknown {
    const p = this.lastProject;
    if (!p || p.file !== file || p.text !== text || !sameSets(p.sets, sets)) return undefined;
    for (const [f, t] of p.reads) if (host.readFile(f) !== t) return undefined;
    return p.project;
  }

  keepProject(file: string, text: string, sets: Sets, reads: Map<string, string | undefined>, project: unknown): void {
    this.lastProject = { file, text, sets, reads, project };
  }

  /**
   * Results other sources derive from files (a build context's walk), by key, for the files of one run or editor
   * session. The cache knows nothing of them: whoever keeps one checks that what it was derived from is unchanged
   * before using it. At most MAX_DERIVED, the oldest dropped first.
   */
  derived(key: string): unknown {
    return this.derivedByKey.get(key);
  }

  keepDerived(key: string, value: unknown): void {
    this.derivedByKey.delete(key);
    this.derivedByKey.set(key, value);
    if (this.derivedByKey.size > MAX_DERIVED) this.derivedByKey.delete(this.derivedByKey.keys().next().value as string);
  }
}
