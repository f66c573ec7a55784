// ENV/ARG properties with offsets.
import type { Range } from '../../types';
import { pushAll } from '../../text';
import type { DockerfileModel, Inst } from '../../sources/dockerfile/model';

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
