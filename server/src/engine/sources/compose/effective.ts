// The effective configuration of Compose services: merge keys, aliases, `extends`, override files and
// `!reset`/`!override`, with every value remembering where it is written and what brought it into the service.
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ParsedYaml } from './yaml';
import type { DotEnv } from './dotenv';
import { interpolate } from './interpolate';
export { interpolate, MAX_INTERPOLATED, referencedVars, UNKNOWN } from './interpolate';

/** A span of text in one file. */
export interface Loc {
  file: string;
  start: number;
  end: number;
}

export interface Val {
  /** The YAML node where the value is written (never an alias). */
  node: Node;
  /** Where the value is written. */
  loc: Loc;
  /** Where, in the service's own definition, something (merge key, alias, extends) brought this value in. */
  at?: Loc;
  entries?: Map<string, Entry>;
  items?: Val[];
  /** `!reset` / `!override` from an override file. */
  tag?: string;
  /** The project's `.env` file, which interpolation reads. */
  env?: DotEnv;
  /** Keys of a mapping written with `!reset`: absent here, and removed from what this mapping is merged onto. */
  resets?: Set<string>;
}

export interface Entry {
  key: string;
  /** The key..value span where the pair is written. */
  loc: Loc;
  keyLoc: Loc;
  pair: Pair;
  /** The mapping the pair is written in. */
  map: YAMLMap;
  value: Val;
  at?: Loc;
}

export class ExpansionBudget {
  used = 0;
  exceeded = false;
  constructor(readonly limit: number) {}
  take(): boolean {
    if (++this.used > this.limit) this.exceeded = true;
    return !this.exceeded;
  }
}

const MAX_DEPTH = 64;

function range(n: { range?: [number, number, number] | null }): [number, number] {
  const r = n.range;
  return r ? [r[0], r[1]] : [0, 0];
}

export function pairLoc(file: string, p: Pair): Loc {
  const k = p.key as Node | null;
  const v = p.value as Node | null;
  const start = k && k.range ? range(k)[0] : v ? range(v)[0] : 0;
  let end = v && v.range ? range(v)[1] : k ? range(k)[1] : start;
  if (end < start) end = start;
  return { file, start, end };
}

export function keyText(p: Pair): string | undefined {
  const k = p.key as Node | null;
  if (k && isScalar(k)) return String(k.value);
  return undefined;
}

/** Builds the value tree of a node, resolving aliases and merge keys. */
export class Builder {
  constructor(
    readonly parsed: ParsedYaml,
    readonly budget: ExpansionBudget,
    readonly env?: DotEnv,
  ) {}

  build(node: Node | null | undefined, at: Loc | undefined, depth = 0): Val | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    // Only expansions draw on the budget: values reached through an alias, a merge key or an inherited `extends`
    // base (`at` is set for those). A service's own keys are bounded by the file's size and are always built, so
    // that an alias bomb or a long extends chain cannot hide the services after it from the rules.
    if (at !== undefined && !this.budget.take()) return undefined;
    const file = this.parsed.path;
    if (isAlias(node)) {
      const target = this.parsed.resolveAlias(node);
      return this.build(target, at ?? { file, ...spanOf(node) }, depth + 1);
    }
    const val: Val = new ValNode(node, file, at);
    if (this.env) val.env = this.env;
    const tag = (node as { tag?: string }).tag;
    if (tag === '!reset' || tag === '!override') val.tag = tag;
    if (isMap(node)) {
      val.entries = new Map();
      const merges: Pair[] = [];
      for (const p of node.items) {
        const k = keyText(p);
        if (k === undefined) continue;
        if (k === '<<' && isScalar(p.key) && p.key.type === 'PLAIN') {
          merges.push(p);
          continue;
        }
        const v = this.build(p.value as Node, at, depth + 1);
        if (!v) continue;
        // `!reset` removes the key, in the same file (over a merge key or an `extends` base) as over a base file
        if (v.tag === '!reset') {
          (val.resets ??= new Set()).add(k);
          val.entries.delete(k);
          continue;
        }
        // duplicate keys: the last one wins, as in Compose
        val.resets?.delete(k);
        val.entries.set(k, new EntryNode(k, file, p, node, v, at));
      }
      for (const m of merges) {
        const mAt = at ?? pairLoc(file, m);
        const sources = isSeq(m.value) ? (m.value.items as Node[]) : [m.value as Node];
        for (const src of sources) {
          const sv = this.build(src, mAt, depth + 1);
          if (!sv?.entries) continue;
          for (const [k, entry] of sv.entries) {
            if (!val.entries.has(k) && !val.resets?.has(k)) val.entries.set(k, derived(entry, { at: mAt }));
          }
        }
      }
    } else if (isSeq(node)) {
      val.items = [];
      for (const it of node.items) {
        const v = this.build(it as Node, at, depth + 1);
        if (v) val.items.push(v);
      }
    }
    return val;
  }
}

/** Values and entries compute their locations on demand: most are never reported. */
class ValNode implements Val {
  entries?: Map<string, Entry>;
  items?: Val[];
  tag?: string;
  // rarely set: not defined on every node (a field per node costs memory and garbage collection on large files)
  declare resets?: Set<string>;
  declare env?: DotEnv;
  constructor(
    readonly node: Node,
    private readonly file: string,
    public at: Loc | undefined,
  ) {}
  get loc(): Loc {
    const [start, end] = range(this.node);
    return { file: this.file, start, end };
  }
}

class EntryNode implements Entry {
  constructor(
    readonly key: string,
    private readonly file: string,
    readonly pair: Pair,
    readonly map: YAMLMap,
    readonly value: Val,
    readonly at: Loc | undefined,
  ) {}
  get loc(): Loc {
    return pairLoc(this.file, this.pair);
  }
  get keyLoc(): Loc {
    return { file: this.file, ...spanOf(this.pair.key as Node) };
  }
}

function spanOf(n: Node | null | undefined): { start: number; end: number } {
  if (!n || !n.range) return { start: 0, end: 0 };
  return { start: n.range[0], end: n.range[1] };
}

/** Where a finding about this value or entry is reported. */
export function reportLoc(x: Val | Entry): Loc {
  return x.at ?? x.loc;
}

/** Overlays an override file's service onto the base one, as Compose merges files. */
export function mergeVals(base: Val, over: Val): Val {
  if (over.tag === '!override' || !base.entries || !over.entries) {
    if (base.items && over.items && over.tag !== '!override')
      return derived(over, { items: [...base.items, ...over.items] });
    return over;
  }
  const entries = new Map(base.entries);
  for (const k of over.resets ?? []) entries.delete(k);
  for (const [k, e] of over.entries) {
    const b = entries.get(k);
    entries.set(k, b ? derived(e, { value: mergeVals(b.value, e.value) }) : e);
  }
  return derived(over, { entries });
}

/** A copy of a value or entry with some fields replaced (keeps the lazy locations). */
export function derived<T extends Val | Entry>(v: T, fields: Partial<T>): T {
  const out = Object.create(Object.getPrototypeOf(v) as object | null) as T;
  Object.assign(out, v, fields);
  return out;
}

// ---- reading values ----

export function get(v: Val | undefined, ...path: string[]): Val | undefined {
  let cur = v;
  for (const k of path) {
    cur = cur?.entries?.get(k)?.value;
    if (!cur) return undefined;
  }
  return cur;
}

export function entry(v: Val | undefined, ...path: string[]): Entry | undefined {
  if (!path.length) return undefined;
  const parent = get(v, ...path.slice(0, -1));
  return parent?.entries?.get(path[path.length - 1]);
}

export function isScalarVal(v: Val | undefined): boolean {
  return !!v && isScalar(v.node);
}

/** The raw scalar value as text ('' for null), or undefined for collections. */
export function rawText(v: Val | undefined): string | undefined {
  if (!v || !isScalar(v.node)) return undefined;
  const x: unknown = v.node.value;
  if (x === null || x === undefined) return '';
  // a string, number or boolean, or for tags such as !!binary an object whose own toString is its text
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return String(x);
}

/**
 * The scalar's value after Compose interpolation. `${VAR:-default}` and `${VAR-default}` take their default;
 * a variable with no default is unknown: the function returns undefined, and rules never flag unknown values.
 */
export function text(v: Val | undefined): string | undefined {
  const raw = rawText(v);
  return raw === undefined ? undefined : interpolate(raw, 0, undefined, v?.env?.vars);
}

/** Interpolates text written in `v` with the project's `.env` (`unknown`: see interpolate). */
export function interpolateIn(v: Val | undefined, s: string, unknown?: string): string | undefined {
  return interpolate(s, 0, unknown, v?.env?.vars);
}

const TRUE = /^(true|y|yes|on)$/i;
/** A boolean Compose reads as true (`true`, `"true"`, and YAML 1.1 `y`/`yes`/`on`, quoted or not). Unknown is not true. */
export function isTrue(v: Val | undefined): boolean {
  const t = text(v);
  return t !== undefined && TRUE.test(t.trim());
}

/** The items of a list, or the values of a mapping's entries (for `environment`-like keys), or the scalar itself. */
export function listItems(v: Val | undefined): Val[] {
  if (!v) return [];
  if (v.items) return v.items;
  if (isScalar(v.node) && rawText(v) !== '') return [v];
  return [];
}

export type YamlMap = YAMLMap;
