// ENV/ARG properties with offsets, and the literal values they give a RUN's shell.
import type { Range } from '../../types';
import { pushAll } from '../../text';
import type { Span } from '../../model/shell/words';
import { stageChain, type DockerfileModel, type Inst, type Stage } from './nodes';
import { keptOn } from '../../memo';

export interface Prop {
  name: string;
  value: string | undefined;
  start: number;
  end: number;
  nameEnd: number;
  inst: Inst;
}

interface AstProperty {
  getName(): string;
  getValue(): string | null;
  getRange(): Range;
  getNameRange(): Range;
}

export function props(m: DockerfileModel, inst: Inst): Prop[] {
  const get = (inst.ast as unknown as { getProperties?: () => AstProperty[] }).getProperties;
  if (typeof get !== 'function') return [];
  return get.call(inst.ast).map((p) => ({
    name: p.getName(),
    value: p.getValue() ?? undefined,
    start: m.index.offset(p.getRange().start),
    end: m.index.offset(p.getRange().end),
    nameEnd: m.index.offset(p.getNameRange().end),
    inst,
  }));
}

export function envAndArgs(m: DockerfileModel): Prop[] {
  const out: Prop[] = [];
  for (const i of m.instructions) if (i.keyword === 'ENV' || i.keyword === 'ARG') pushAll(out, props(m, i));
  return out;
}

/** What a RUN's shell knows of the build's variables: one literal value each, and where it is declared. */
export interface ShellVars {
  vars: ReadonlyMap<string, string>;
  origins: ReadonlyMap<string, Span>;
}

/** At most this many variables are known to one stage (more are unknown: never flagged, and bounded work). */
const MAX_VARS = 200;
const byStage = keptOn<Stage, Map<Inst, ShellVars>>('shell variables by RUN');

/**
 * The values the shell of a RUN sees as BuildKit gives them (other instructions: none, a run may change them): ENV of the stage and of the stages it builds on, and
 * the stage's own ARGs, a bare `ARG X` taking the default of a global `ARG X=...`; ENV wins over an ARG of
 * the same name. A value with an expansion in it, or past the bound, is unknown.
 */
export function shellVars(m: DockerfileModel, inst: Inst): ShellVars | undefined {
  if (!inst.stage || inst.keyword !== 'RUN') return undefined;
  let table = byStage.get(inst.stage);
  table ??= byStage.set(inst.stage, stageVars(m, inst.stage));
  return table.get(inst);
}

function stageVars(m: DockerfileModel, stage: Stage): Map<Inst, ShellVars> {
  const vars = new Map<string, string>();
  const origins = new Map<string, Span>();
  const env = new Set<string>();
  // ENV of the stages this one builds on, the farthest first
  for (const s of stageChain(stage).slice(1).reverse())
    for (const i of s.instructions) if (i.keyword === 'ENV') for (const p of props(m, i)) set(p, true);
  const global = new Map<string, Prop>();
  for (const i of m.instructions)
    if (!i.stage && i.keyword === 'ARG') for (const p of props(m, i)) global.set(p.name, p);
  const out = new Map<Inst, ShellVars>();
  let snapshot: ShellVars = { vars: new Map(vars), origins: new Map(origins) };
  for (const i of stage.instructions) {
    out.set(i, snapshot);
    if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
    for (const p of props(m, i)) {
      if (i.keyword === 'ENV') set(p, true);
      else if (!env.has(p.name)) set(p.value === undefined ? (global.get(p.name) ?? p) : p, false);
    }
    snapshot = { vars: new Map(vars), origins: new Map(origins) };
  }
  return out;

  function set(p: Prop, isEnv: boolean) {
    if (isEnv) env.add(p.name);
    if (p.value === undefined || p.value.includes('$') || (!vars.has(p.name) && vars.size >= MAX_VARS)) {
      vars.delete(p.name);
      origins.delete(p.name);
      return;
    }
    vars.set(p.name, p.value);
    origins.set(p.name, { start: p.start, end: p.end });
  }
}
