// What a runtime rule sees: the containers declared in the linted file (whatever the source), its options, and a
// reporter that the source places (a Compose value where the service brings it in, with related information at
// its origin; a JSON value of a devcontainer.json).
import type { Container, Setting } from '../model/container';
import type { Profile, RelatedInfo, Severity } from '../types';
import type { FixDefaults, FixList } from './rule';

export interface ContainerReport {
  /** The setting the finding is about, or a container (for what it lacks). */
  at: Setting<unknown> | Container;
  message: string;
  fixes?: FixList;
  severity?: Severity;
  related?: RelatedInfo[];
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
  options: Options;
  fixDefaults: FixDefaults;
  profile: Profile;
  report(r: ContainerReport): void;
}
