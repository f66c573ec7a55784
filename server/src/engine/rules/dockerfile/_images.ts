// The images a Dockerfile takes from a registry: each FROM that is not `scratch` nor an earlier stage, and each
// `COPY --from=<image>` that names no stage (shared by the image-tag, image-digest and registry rules).
import type { DockerfileModel } from '../../sources/dockerfile/model';
import { isOwnImage } from '../../vocabulary/images';

export interface ImageUse {
  /** The reference after ARG defaults are resolved. */
  ref: string;
  /** `FROM` or `COPY --from`. */
  via: 'FROM' | 'COPY --from';
  /** What to underline: the FROM's image argument, or the --from flag. */
  start: number;
  end: number;
}

export function externalImages(m: DockerfileModel, own?: readonly string[]): ImageUse[] {
  const out: ImageUse[] = [];
  const earlierNames = new Set<string>();
  for (const s of m.stages) {
    const earlier = s.image !== undefined && earlierNames.has(s.image.toLowerCase());
    if (s.name) earlierNames.add(s.name.toLowerCase());
    if (!s.image || s.image.toLowerCase() === 'scratch' || s.parent || earlier) continue;
    const a = s.from.args[0];
    out.push({ ref: s.image, via: 'FROM', start: a?.start ?? s.from.start, end: a?.end ?? s.from.end });
  }
  const stages = new Set(m.stages.flatMap((s, n) => [String(n), ...(s.name ? [s.name.toLowerCase()] : [])]));
  for (const i of m.instructions) {
    if (i.keyword !== 'COPY') continue;
    const from = i.flags.find((f) => f.name === 'from');
    const ref = from?.value?.trim();
    if (!from || !ref || ref.includes('$') || stages.has(ref.toLowerCase())) continue;
    out.push({ ref, via: 'COPY --from', start: from.start, end: from.end });
  }
  return own?.length ? out.filter((u) => !isOwnImage(u.ref, own)) : out;
}
