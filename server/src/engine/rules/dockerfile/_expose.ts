// EXPOSE arguments: `22`, `22/tcp`, `20-25`, `${PORT}` (unknown).
import type { DockerfileModel, Inst } from '../../sources/dockerfile/model';
import { resolveArgs } from '../../sources/dockerfile/model';

export function exposes(m: DockerfileModel, i: Inst, port: number): { start: number; end: number; value: string }[] {
  return i.args.filter((a) => {
    const v = resolveArgs(a.value, m.globalArgs);
    if (v === undefined) return false;
    const r = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(v.trim());
    if (!r) return false;
    const lo = Number(r[1]),
      hi = r[2] ? Number(r[2]) : lo;
    return port >= lo && port <= hi;
  });
}
