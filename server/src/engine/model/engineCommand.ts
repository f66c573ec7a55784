// Commands that grant something outside a container's own profile: a root shell with every capability in a running
// container (`docker exec --privileged`), build steps with the host's network or no sandbox (build entitlements), a
// plugin with every permission it asks for. Not a container's profile: a model of its own, judged by the command
// rules (rules/command/), whatever file the command is written in.
import type { TextEdit } from '../types';

export interface EngineFlag {
  /** The long name without dashes (`allow`, `network`, `privileged`, `grant-all-permissions`). */
  name: string;
  /** Its value (`--x=v`, `--x v`), undefined for a flag that takes none. */
  value: string | undefined;
  /** As written, for messages. */
  written: string;
  /** The words it spans, in the file. */
  start: number;
  end: number;
  /** Edits that remove it (none when it cannot be removed safely: it came from a variable). */
  remove(): TextEdit[];
}

export interface EngineCommand {
  kind: 'exec' | 'build' | 'buildkitd' | 'plugin-install';
  /** As messages name it: `docker exec`, `docker buildx build`, `buildkitd`, `docker plugin install`. */
  verb: string;
  /** 1-based line of its program. */
  line: number;
  flags: EngineFlag[];
}
