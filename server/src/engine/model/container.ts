// A container's runtime profile, whatever declared it: a Compose service, a devcontainer.json, a `docker run`
// command line (in a script, a Makefile, a Dockerfile's RUN, a workflow, a Markdown shell block). Sources adapt to
// this model (sources/<kind>/); the runtime rules (rules/container/) judge it and never know the source.
//
// Every setting keeps where it is written (an opaque site that the source's reporter places) and the edit
// primitives a fix needs, computed by the source's adapter: a rule says "remove this" and the source knows whether
// that is a YAML pair, an item of a JSON array, or a flag and its value on a command line.
import type { Fix, RelatedInfo, TextEdit } from '../types';

/**
 * Where containers are declared. A rule's id is `<source>/<name>`: `compose/privileged`, `devcontainer/privileged`,
 * `run/privileged` (command lines).
 */
export type Source = 'compose' | 'devcontainer' | 'run';
export const SOURCES: readonly Source[] = ['compose', 'devcontainer', 'run'];

/** One setting of the profile, as one source writes it. */
export interface Setting<T> {
  value: T;
  /**
   * The setting as messages quote it, in the source's own terms: `pid: host`, `--pid=host`, `seccomp:unconfined`.
   */
  shown: string;
  /** The item as written (`SYS_ADMIN`, `cap_sys_admin`), for fix titles. */
  raw: string;
  /** The key, list or flag that holds it (`cap_add`, `capAdd`, `runArgs`), for fix titles and messages. */
  holder: string;
  /**
   * What grants it when the file does not write it itself: a devcontainer feature that implies `privileged` or
   * mounts the host's Docker socket (`the feature ghcr.io/devcontainers/features/docker-in-docker`).
   */
  via?: string;
  /** The source's handle for placing a finding here. Rules pass it back to `report` and never look inside. */
  site: unknown;
  /** Edits that remove the setting (empty when it cannot be removed where the file is linted). */
  remove(): TextEdit[];
  /** Edits that replace its value (a scalar), when the source can; empty otherwise. */
  replace?(value: string): TextEdit[];
  /**
   * When removal is not possible here (the value comes from a file this one extends): an edit that turns the
   * setting off in this file instead, with its title.
   */
  override?(): { title: string; edits: TextEdit[] } | undefined;
}

/** What a mount is, as every source reads it. */
export interface MountFields {
  type: string;
  /** Host path (or volume name), after interpolation; undefined when unknown. */
  source: string | undefined;
  /** When the source holds an unknown variable: the source as written (for rules that can judge the rest of it). */
  looseSource?: string;
  target: string | undefined;
  readOnly: boolean;
  propagation?: string;
}

export interface Mount extends MountFields {
  /** The folder relative host paths are relative to. */
  base: string;
  /** Edits that make the mount read-only, with the fix's title; undefined when the source cannot. */
  readOnlyFix?(): { title: string; edits: TextEdit[] } | undefined;
}

export interface SecurityOption {
  /** Lower-cased: `seccomp`, `apparmor`, `label`, `no-new-privileges`, `systempaths`. */
  name: string;
  value: string | undefined;
}

export interface EnvVar {
  name: string;
  /** The value the container gets, when known (Compose: interpolated with `.env`). */
  value: string | undefined;
  /** The value as the file writes it, defaults of references included; undefined when it is a reference. */
  literal: string | undefined;
  /** The value with unknown references replaced by a placeholder (for values that hold a password in a URL). */
  loose: string | undefined;
  /** The value is exactly a reference to another variable (`${VAR}`). */
  reference: boolean;
  /** Where the variable is set, as messages name it: `environment`, `build.args`, `containerEnv`, `runArgs`. */
  where: string;
  /** A build argument (Compose's `build.args`), not the container's environment. */
  buildArg?: boolean;
  /** A build argument that feeds a Dockerfile `ARG` of the same name, which the image's history then keeps. */
  feedsArg?: RelatedInfo;
}

export interface PublishedPort {
  /** The host address, undefined for none (every interface). */
  hostIp: string | undefined;
  /** False when a variable hides the address (never judged). */
  hostIpKnown: boolean;
  /** The host port as written, undefined for a random one. */
  published: string | undefined;
  /**
   * Set when what runs the file ignores host addresses, and why (a Swarm stack publishes on every interface of
   * every node): `hostIp` is then undefined (every interface), `written` the address written, if any.
   */
  hostIpIgnored?: { why: string; written?: string };
  target: string | undefined;
  /** Edits that bind the port to 127.0.0.1, empty when the source cannot. */
  loopback(): TextEdit[];
}

/** A tmpfs mount written with mount options (`/tmp:exec,size=64m`): Docker's default is noexec,nosuid,nodev. */
export interface TmpfsMount {
  target: string;
  options: readonly string[];
}

export type Namespace = 'network' | 'pid' | 'ipc' | 'uts' | 'userns' | 'cgroup';

export interface Device {
  /** Host side of the mapping (`/dev/mem`). */
  source: string;
}

export type LimitKey = 'memory' | 'cpus' | 'pids';

/**
 * What a container can lack (limits, capabilities dropped, no-new-privileges, a read-only root) and the fixes that
 * add it, with the words messages use for it in the source's terms. Only sources held to hardening advice have it.
 */
export interface Hardening {
  capDrop: readonly Setting<string>[];
  /** The read-only root setting, true or false, when written. */
  readOnlyRoot: Setting<boolean> | undefined;
  /** The values that set each limit (either spelling); a CPU quota counts as a CPU limit. */
  limits: Readonly<Record<LimitKey, readonly Setting<string>[]>>;
  cpuQuota: readonly Setting<string>[];
  add: {
    noNewPrivileges(): Fix[];
    capDropAll(): Fix[];
    readOnlyRoot(): Fix[];
    limits(keys: readonly LimitKey[]): Fix[];
  };
  terms: {
    /** `cap_drop: [ALL]`. */
    capDropAll: string;
    /** `no-new-privileges:true to security_opt`. */
    noNewPrivileges: string;
    /** `read_only: true`. */
    readOnlyRoot: string;
    /** `deploy.resources.limits`. */
    limits: string;
  };
}

/** What rules judge. Lists are empty, and single settings undefined, when the source does not set them. */
export interface Container {
  source: Source;
  /** Its name in its project (a Compose service's name), as other containers refer to it. */
  name: string;
  /** Where it is declared, for related information (a Compose service's key). */
  declared: RelatedInfo | undefined;
  /** How messages name the container: `Service 'web'`, `The dev container`. */
  subject: string;
  /** The key that names a Compose service, or the file's top level: where "missing setting" findings go. */
  site: unknown;
  privileged: readonly Setting<true>[];
  capAdd: readonly Setting<string>[];
  namespaces: Readonly<Partial<Record<Namespace, Setting<string>>>>;
  securityOpts: readonly Setting<SecurityOption>[];
  mounts: readonly Setting<Mount>[];
  /** The Docker API socket mounted by a setting that names no path (Compose's `use_api_socket: true`). */
  apiSocket: readonly Setting<true>[];
  devices: readonly Setting<Device>[];
  /** Device cgroup rules (`a *:* rwm`). */
  deviceRules: readonly Setting<string>[];
  user: readonly Setting<string>[];
  ports: readonly Setting<PublishedPort>[];
  /** The image it runs, when it does not build one (a built image's Dockerfile is judged on its own). */
  image: Setting<string> | undefined;
  oomKillDisable: readonly Setting<true>[];
  /** Ulimit values (`nproc` soft and hard each), by resource name. */
  ulimits: readonly Setting<{ name: string; value: string }>[];
  cgroupParent: readonly Setting<string>[];
  /** The logging driver. */
  logDriver: readonly Setting<string>[];
  /** tmpfs mounts (Compose's `tmpfs`, `--tmpfs`). */
  tmpfs: readonly Setting<TmpfsMount>[];
  /** Its health check, when declared (disabling it is a declaration too); read for Compose services only. */
  healthcheck?: Setting<true>;
  /** The list that holds the published ports (Compose's `ports`), where a finding about all of them goes. */
  portsHolder?: Setting<true>;
  env: readonly Setting<EnvVar>[];
  /**
   * The hardening settings it has (Compose services always; a source of `docker run` flags when one is written).
   * Which sources are held to hardening advice is the rules' choice (their `sources`): Compose only, as a dev
   * container or a script's `docker run` is not a service definition.
   */
  hardening: Hardening | undefined;
  /** Command lines the container runs (Compose's `command`/`entrypoint`, a dev container's lifecycle commands). */
  commands: readonly Setting<string>[];
  /** Commands the source runs on the host itself (not in the container) before the container starts. */
  hostCommands: readonly Setting<string>[];
  /** How messages advise to keep a secret out of the file, in the source's terms. */
  advice: {
    /** `Compose secrets (a *_FILE variable)`. */
    secrets: string;
    /** A reference to a variable of the environment the file is used in: `${NAME}`, `${localEnv:NAME}`. */
    reference(name: string): string;
  };
}

/** What an unknown variable becomes when a value is read loosely (the same mark for every source). */
export { UNKNOWN } from '../sources/compose/effective';

/** A tmpfs spec as `--tmpfs` and Compose's `tmpfs` write it: `path[:option,option...]`. */
export function tmpfsSpec(spec: string): TmpfsMount {
  const colon = spec.indexOf(':');
  if (colon < 0) return { target: spec, options: [] };
  return {
    target: spec.slice(0, colon),
    options: spec
      .slice(colon + 1)
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}
