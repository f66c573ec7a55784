// What a runtime rule sees: the containers declared in the linted file (whatever the source), its options, and a
// reporter that the source places (a Compose value where the service brings it in, with related information at
// its origin; a JSON value of a devcontainer.json).
import type { Container, Setting } from '../model/container';
import type { Finding, Profile, RelatedInfo, Severity } from '../types';
import type { LineIndex } from '../text';
import { spanFinding, type FixDefaults, type FixList, type RuleMeta } from './base';

/** The related information at a variable's assignment, for a value a site takes from it. */
export const ASSIGNED_HERE = 'the value is assigned here';

export interface ContainerReport {
  /** The setting the finding is about, or a container (for what it lacks). */
  at: Setting<unknown> | Container;
  message: string;
  fixes?: FixList;
  severity?: Severity;
  related?: RelatedInfo[];
  /** Other settings the finding speaks for, each as related information where the source writes it. */
  alsoAt?: { at: Setting<unknown> | Container; message: string }[];
  /** See Finding.ignoreReason. */
  ignoreReason?: string;
  /** Routine in development and test/CI files (see isRoutine in base.ts). */
  routine?: boolean;
}

/** Host directories behind names that several containers can mount (Compose's top-level volumes with `o: bind`). */
export interface BoundVolume {
  name: string;
  path: string;
  setting: Setting<string>;
}

export interface ContainerContext<Options = Readonly<Record<string, unknown>>> {
  containers: readonly Container[];
  /** Named volumes that are host directories in disguise, declared once for every container of the file. */
  boundVolumes(): readonly BoundVolume[];
  /** Another container of the same project by the name others reach it by (a Compose service or container_name). */
  peer(name: string): Container | undefined;
  options: Options;
  fixDefaults: FixDefaults;
  profile: Profile;
  /** This rule's "missing setting" findings are reported by its group rule (see RuleMeta.group): skip them. */
  grouped: boolean;
  /** For a group rule: the names of the rules whose "missing setting" findings it reports. */
  groupItems: ReadonlySet<string>;
  /** Does a suppression comment silence the rule of this name for this container (see ComposeContext)? */
  suppressed(name: string, at: Container): boolean;
  report(r: ContainerReport): void;
}

/**
 * The context of a source whose settings are spans of the linted file (a devcontainer.json's JSON values, command
 * lines' words): no project around it, nothing grouped. A site may carry the origin of its value (a variable's
 * assignment), reported as related information.
 */
export function makeSpanContext(
  meta: RuleMeta,
  file: string,
  index: LineIndex,
  containers: readonly Container[],
  options: Readonly<Record<string, unknown>>,
  fixDefaults: FixDefaults,
  profile: Profile,
  out: Finding[],
): ContainerContext {
  return {
    containers,
    boundVolumes: () => [],
    peer: () => undefined,
    options,
    fixDefaults,
    profile,
    grouped: false,
    groupItems: new Set(),
    suppressed: () => false,
    report(r) {
      // a site may name where its value comes from (a variable's assignment): related information there
      const s = r.at.site as {
        start: number;
        end: number;
        origin?: { start: number; end: number };
        /** Inside a folded YAML scalar: no comment line can go above it. */
        folded?: true;
      };
      const also = (r.alsoAt ?? []).map((a) => {
        const x = a.at.site as { start: number; end: number };
        return { file, range: index.range(x.start, x.end), message: a.message };
      });
      const related = s.origin
        ? [
            ...(r.related ?? []),
            { file, range: index.range(s.origin.start, s.origin.end), message: ASSIGNED_HERE },
            ...also,
          ]
        : r.related || also.length
          ? [...(r.related ?? []), ...also]
          : undefined;
      const f = spanFinding(meta, file, index, { ...r, related, start: s.start, end: s.end });
      if (s.folded) f.lineComment = false;
      out.push(f);
    },
  };
}
