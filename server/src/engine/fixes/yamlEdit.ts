// Minimal text edits on a YAML file that keep comments, indentation, block/flow style, quoting and line endings.
import { isMap, isScalar, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import type { ParsedYaml } from '../sources/compose/yaml';
import { keyText } from '../sources/compose/effective';

export type Tree = string | string[] | { [k: string]: Tree };

export class YamlEditor {
  private unitCache?: number;
  constructor(readonly f: ParsedYaml) {}

  get eol(): string {
    return this.f.index.eol();
  }

  /** Indentation step of the file (2 or 4 usually), read from the services mapping. */
  get unit(): number {
    if (this.unitCache !== undefined) return this.unitCache;
    let unit = 2;
    const top = this.f.doc.contents;
    const services = top && isMap(top) ? (top.get('services', true) as Node | undefined) : undefined;
    if (services && isMap(services) && !services.flow && services.items.length) {
      const first = services.items[0];
      const top0 = this.col((first.key as Node).range![0]);
      const servicesPair = (top as YAMLMap).items.find((p) => keyText(p) === 'services');
      const base = servicesPair ? this.col((servicesPair.key as Node).range![0]) : 0;
      if (top0 > base) unit = top0 - base;
    }
    return (this.unitCache = unit);
  }

  col(offset: number): number {
    return this.f.index.position(offset).character;
  }
  private lineOf(offset: number): number {
    return this.f.index.position(offset).line;
  }
  private lineStart(line: number): number {
    return this.f.index.starts[line];
  }
  private nextLineStart(line: number): number {
    return line + 1 < this.f.index.starts.length ? this.f.index.starts[line + 1] : this.f.text.length;
  }
  private onlySpaceBefore(offset: number): boolean {
    return /^[ \t]*$/.test(this.f.text.slice(this.lineStart(this.lineOf(offset)), offset));
  }
  private endOf(n: Node): number {
    return n.range ? n.range[1] : 0;
  }
  private lastLine(end: number, start: number): number {
    return this.lineOf(Math.max(start, end - 1));
  }

  /** Removes whole lines [first line of start, last line of end], or the inline span when others share the line. */
  private removeSpan(start: number, end: number, flow: boolean): TextEdit {
    const t = this.f.text;
    if (flow) {
      let e = end;
      while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
      if (t[e] === ',') {
        e++;
        while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
        return { start, end: e, newText: '' };
      }
      let s = start;
      while (s > 0 && /\s/.test(t[s - 1])) s--;
      if (t[s - 1] === ',') return { start: s - 1, end, newText: '' };
      return { start, end, newText: '' };
    }
    const first = this.lineOf(start);
    const last = this.lastLine(end, start);
    return { start: this.lineStart(first), end: this.nextLineStart(last), newText: '' };
  }

  removePair(map: YAMLMap, pair: Pair): TextEdit {
    const k = pair.key as Node;
    const v = pair.value as Node | null;
    const start = k.range![0];
    const end = v?.range ? v.range[1] : k.range![1];
    if (!map.flow && !this.onlySpaceBefore(start)) {
      // `- key: v` as the first key of a list item: keep the dash, drop the pair's text
      return {
        start,
        end: this.nextLineStart(this.lastLine(end, start)) - this.eolLenAt(this.lastLine(end, start)),
        newText: map.items.length > 1 ? '' : '{}',
      };
    }
    return this.removeSpan(start, end, !!map.flow);
  }

  private eolLenAt(line: number): number {
    const s = this.nextLineStart(line);
    const e = this.f.index.lineEnd(line);
    return s - e;
  }

  /** Removes a list item; when it is the only item and `owner` is given, removes the owning pair instead. */
  removeSeqItem(seq: YAMLSeq, item: Node, owner?: { map: YAMLMap; pair: Pair }): TextEdit {
    if (seq.items.length === 1 && owner) return this.removePair(owner.map, owner.pair);
    if (seq.flow) return this.removeSpan(item.range![0], item.range![1], true);
    const t = this.f.text;
    let dash = item.range![0];
    while (dash > 0 && t[dash] !== '-') dash--;
    return this.removeSpan(dash, this.endOf(item), false);
  }

  replaceScalar(node: Scalar, value: string): TextEdit {
    const q = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
    return { start: node.range![0], end: node.range![1], newText: `${q}${value}${q}` };
  }

  /** Quote style of a list's existing scalar items, to write a new item the same way. */
  quoteLike(seq: YAMLSeq | undefined, value: string): string {
    const s = seq?.items.find((i) => isScalar(i));
    if (s?.type === 'QUOTE_DOUBLE') return `"${value}"`;
    if (s?.type === 'QUOTE_SINGLE') return `'${value}'`;
    return value;
  }

  appendSeqItem(seq: YAMLSeq, itemText: string): TextEdit {
    const t = this.f.text;
    if (seq.flow || !seq.items.length) {
      const close = t.lastIndexOf(']', seq.range![1]);
      if (!seq.items.length) {
        // an empty flow list `[]`; anything else (a broken list, a null value) is not edited
        if (close < seq.range![0]) throw new Error('no closing bracket to insert before');
        return { start: close, end: close, newText: itemText };
      }
      const last = seq.items[seq.items.length - 1] as Node;
      return { start: last.range![1], end: last.range![1], newText: `, ${itemText}` };
    }
    const first = seq.items[0] as Node;
    let dash = first.range![0];
    while (dash > 0 && t[dash] !== '-') dash--;
    const indent = ' '.repeat(this.col(dash));
    const last = seq.items[seq.items.length - 1] as Node;
    const at = this.f.index.lineEnd(this.lastLine(this.endOf(last), last.range![0]));
    return { start: at, end: at, newText: `${this.eol}${indent}- ${itemText}` };
  }

  /** Inserts `key: value` (value may be nested) at the end of a mapping, in the mapping's style. */
  insertPair(map: YAMLMap, key: string, value: Tree): TextEdit {
    if (map.flow || !map.items.length) {
      const t = this.f.text;
      const flowText = `${key}: ${renderFlow(value)}`;
      if (!map.items.length) {
        const close = t.lastIndexOf('}', map.range![1]);
        if (close >= map.range![0]) return { start: close, end: close, newText: flowText };
        return { start: map.range![0], end: map.range![0], newText: `{${flowText}}` };
      }
      const last = map.items[map.items.length - 1];
      const end = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
      return { start: end, end, newText: `, ${flowText}` };
    }
    const firstKey = map.items[0].key as Node;
    const indent = this.col(firstKey.range![0]);
    const last = map.items[map.items.length - 1];
    const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
    const at = this.f.index.lineEnd(this.lastLine(lastEnd, (last.key as Node).range![0]));
    const lines = renderBlock(key, value, indent, this.unit);
    return { start: at, end: at, newText: lines.map((l) => this.eol + l).join('') };
  }

  /** Inserts several `key: value` pairs at the end of a mapping, as one edit (in order). */
  insertPairs(map: YAMLMap, pairs: readonly (readonly [string, Tree])[]): TextEdit | undefined {
    if (!pairs.length) return undefined;
    if (map.flow || !map.items.length) {
      // a flow or empty mapping: one flow insertion of every pair
      const first = this.insertPair(map, pairs[0][0], pairs[0][1]);
      const rest = pairs.slice(1).map(([k, v]) => `, ${k}: ${renderFlow(v)}`);
      return {
        ...first,
        newText:
          first.newText.endsWith('}') && first.newText.startsWith('{')
            ? `{${first.newText.slice(1, -1)}${rest.join('')}}`
            : first.newText + rest.join(''),
      };
    }
    const edits = pairs.map(([k, v]) => this.insertPair(map, k, v));
    return { start: edits[0].start, end: edits[0].end, newText: edits.map((e) => e.newText).join('') };
  }

  /**
   * Inserts `leaf: value` pairs under path (e.g. deploy.resources.limits) of a mapping, reusing the parts of the
   * path that exist as mappings written in this file. Returns undefined when a part is an alias or not a mapping,
   * or when one of the leaves is already there.
   */
  insertAtPath(map: YAMLMap, path: string[], leaves: readonly (readonly [string, string])[]): TextEdit | undefined {
    let cur = map;
    for (let i = 0; i < path.length; i++) {
      const pair = cur.items.find((p) => keyText(p) === path[i]);
      if (!pair) {
        let tree: Tree = Object.fromEntries(leaves);
        for (let j = path.length - 1; j > i; j--) tree = { [path[j]]: tree };
        return this.insertPair(cur, path[i], tree);
      }
      const v = pair.value as Node | null;
      if (!v || !isMap(v)) {
        if (v && isScalar(v) && (v.value === null || v.value === '')) return undefined;
        return undefined;
      }
      if (v.items.some((p) => keyText(p) === '<<')) return undefined;
      cur = v;
    }
    if (cur.items.some((p) => leaves.some(([leaf]) => keyText(p) === leaf))) return undefined;
    return this.insertPairs(cur, leaves);
  }
}

function renderFlow(v: Tree): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${k}: ${renderFlow(x)}`)
    .join(', ')}}`;
}

function renderBlock(key: string, v: Tree, indent: number, unit: number): string[] {
  const pad = ' '.repeat(indent);
  if (typeof v === 'string') return [`${pad}${key}: ${v}`];
  const out = [`${pad}${key}:`];
  if (Array.isArray(v)) return [...out, ...v.map((x) => `${pad}${' '.repeat(unit)}- ${x}`)];
  for (const [k, x] of Object.entries(v)) out.push(...renderBlock(k, x, indent + unit, unit));
  return out;
}
