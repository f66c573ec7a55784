// The rule registry. Docs, SARIF metadata and the config schema are generated from it.
// test/engine/registry.test.ts checks that every rule file is listed here, and that rules import no other rule.
import type {
  ComposeRule,
  ContainerRule,
  DaemonRule,
  DevcontainerRule,
  DockerfileRule,
  MetaRule,
  RuleMeta,
  RunRule,
  CommandRule,
} from './rule';
import { composeContainerContext } from '../sources/compose/container';
import type { ContainerContext } from './containerContext';
import { rule as devcontainerInitializeCommand } from './devcontainer/initialize-command';
import { rule as containerAdminPort } from './container/admin-port';
import { rule as containerCgroupParent } from './container/cgroup-parent';
import { rule as containerLoggingDisabled } from './container/logging-disabled';
import { rule as containerUlimitsUnlimited } from './container/ulimits-unlimited';
import { rule as containerApparmorUnconfined } from './container/apparmor-unconfined';
import { rule as containerCapAdd } from './container/cap-add';
import { rule as containerCapDropMissing } from './container/cap-drop-missing';
import { rule as containerCpuLimit } from './container/cpu-limit';
import { rule as containerDevices } from './container/devices';
import { rule as containerDockerDaemonTcp } from './container/docker-daemon-tcp';
import { rule as containerDockerSocket } from './container/docker-socket';
import { rule as containerHardening } from './container/hardening';
import { rule as containerHostCgroupns } from './container/host-cgroupns';
import { rule as containerHostIpc } from './container/host-ipc';
import { rule as containerHostNetwork } from './container/host-network';
import { rule as containerHostPid } from './container/host-pid';
import { rule as containerHostUserns } from './container/host-userns';
import { rule as containerHostUts } from './container/host-uts';
import { rule as containerImageTag } from './container/image-tag';
import { rule as containerTmpfsOptions } from './container/tmpfs-options';
import { rule as containerUntrustedRegistry } from './container/untrusted-registry';
import { rule as containerImageDigest } from './container/image-digest';
import { rule as containerPrivilegedPort } from './container/privileged-port';
import { rule as containerHealthcheckMissing } from './container/healthcheck-missing';
import { rule as composeInsecureBuild } from './compose/insecure-build';
import { rule as containerMemoryLimit } from './container/memory-limit';
import { rule as containerMountPropagation } from './container/mount-propagation';
import { rule as containerNamespaceJoin } from './container/namespace-join';
import { rule as containerNoNewPrivileges } from './container/no-new-privileges';
import { rule as containerOomKillDisable } from './container/oom-kill-disable';
import { rule as containerPidsLimit } from './container/pids-limit';
import { rule as containerPortAllInterfaces } from './container/port-all-interfaces';
import { rule as containerPrivileged } from './container/privileged';
import { rule as containerReadOnlyRootfs } from './container/read-only-rootfs';
import { rule as containerResourceLimits } from './container/resource-limits';
import { rule as containerSeccompUnconfined } from './container/seccomp-unconfined';
import { rule as containerSecretInEnvironment } from './container/secret-in-environment';
import { rule as containerSelinuxDisabled } from './container/selinux-disabled';
import { rule as containerSensitiveHostMount } from './container/sensitive-host-mount';
import { rule as containerSystempathsUnconfined } from './container/systempaths-unconfined';
import { rule as containerUserRoot } from './container/user-root';
import { rule as dockerfileAddInsteadOfCopy } from './dockerfile/add-instead-of-copy';
import { rule as dockerfileAddRemoteUrl } from './dockerfile/add-remote-url';
import { rule as dockerfileContextLeak } from './dockerfile/context-leak';
import { rule as dockerfileCurlPipeShell } from './dockerfile/curl-pipe-shell';
import { rule as dockerfileDockerDaemonTcp } from './dockerfile/docker-daemon-tcp';
import { rule as dockerfileExposeSsh } from './dockerfile/expose-ssh';
import { rule as dockerfileHostNetwork } from './dockerfile/host-network';
import { rule as dockerfileImageDigest } from './dockerfile/image-digest';
import { rule as dockerfileUpdateWithoutInstall } from './dockerfile/update-without-install';
import { rule as dockerfileInstallRecommends } from './dockerfile/install-recommends';
import { rule as dockerfilePackageVersion } from './dockerfile/package-version';
import { rule as dockerfileHealthcheckMissing } from './dockerfile/healthcheck-missing';
import { rule as dockerfileImageTag } from './dockerfile/image-tag';
import { rule as dockerfileUntrustedRegistry } from './dockerfile/untrusted-registry';
import { rule as dockerfileInsecureDownload } from './dockerfile/insecure-download';
import { rule as dockerfileInsecureRun } from './dockerfile/insecure-run';
import { rule as dockerfileMissingUser } from './dockerfile/missing-user';
import { rule as dockerfileSecretInArgEnv } from './dockerfile/secret-in-arg-env';
import { rule as dockerfileSecretInRun } from './dockerfile/secret-in-run';
import { rule as dockerfileSshd } from './dockerfile/sshd';
import { rule as dockerfileSudo } from './dockerfile/sudo';
import { rule as dockerfileUserRoot } from './dockerfile/user-root';
import { rule as dockerfileVerificationDisabled } from './dockerfile/verification-disabled';
import { rule as dockerfileVolumeSocket } from './dockerfile/volume-socket';
import { rule as dockerfileWorldWritable } from './dockerfile/world-writable';
import { rule as metaUnusedIgnore } from './meta/unused-ignore';
import { rule as commandExecPrivileged } from './command/exec-privileged';
import { rule as commandBuildEntitlement } from './command/build-entitlement';
import { rule as commandPluginAllPermissions } from './command/plugin-all-permissions';
import { rule as daemonTcpWithoutTls } from './daemon/tcp-without-tls';
import { rule as daemonInsecureRegistries } from './daemon/insecure-registries';
import { rule as daemonSeccompUnconfined } from './daemon/seccomp-unconfined';
import { rule as daemonMetricsAllInterfaces } from './daemon/metrics-all-interfaces';
import { rule as daemonHardening } from './daemon/hardening';
import { rule as daemonSocketPermissions } from './daemon/socket-permissions';
import { rule as metaIgnoreWithoutReason } from './meta/ignore-without-reason';

/** Runtime rules: written once against the container model, run on every source (see asCompose, asSource). */
export const containerRules: ContainerRule[] = [
  containerNamespaceJoin,
  containerDockerDaemonTcp,
  containerHardening,
  containerResourceLimits,
  containerNoNewPrivileges,
  containerCapDropMissing,
  containerReadOnlyRootfs,
  containerPidsLimit,
  containerCpuLimit,
  containerMemoryLimit,
  containerImageTag,
  containerImageDigest,
  containerTmpfsOptions,
  containerUntrustedRegistry,
  containerPrivilegedPort,
  containerHealthcheckMissing,
  containerAdminPort,
  containerLoggingDisabled,
  containerCgroupParent,
  containerUlimitsUnlimited,
  containerOomKillDisable,
  containerApparmorUnconfined,
  containerCapAdd,
  containerDevices,
  containerDockerSocket,
  containerHostCgroupns,
  containerHostIpc,
  containerHostNetwork,
  containerHostPid,
  containerHostUserns,
  containerHostUts,
  containerMountPropagation,
  containerPortAllInterfaces,
  containerPrivileged,
  containerSeccompUnconfined,
  containerSecretInEnvironment,
  containerSelinuxDisabled,
  containerSensitiveHostMount,
  containerSystempathsUnconfined,
  containerUserRoot,
];

const DEVCONTAINER_REFERENCE = 'https://containers.dev/implementors/json_reference/';
const RUN_REFERENCE = 'https://docs.docker.com/reference/cli/docker/container/run/';

/** A runtime rule as it runs on Compose files: `compose/<name>`, with the meta's own texts. */
function asCompose(r: ContainerRule): ComposeRule {
  const { name, ...meta } = r.meta;
  delete (meta as Partial<typeof meta>).sources;
  return {
    meta: { ...meta, id: `compose/${name}`, kind: 'compose', group: meta.group && `compose/${meta.group}` },
    check: (ctx) => r.check(composeContainerContext(ctx) as Parameters<typeof r.check>[0]),
  };
}

/**
 * A runtime rule as it runs on another source (`devcontainer/<name>`, `run/<name>`), with that source's docs; none
 * when the rule does not document the source.
 */
function asSource<K extends 'devcontainer' | 'run'>(
  source: K,
  reference: string,
): (r: ContainerRule) => { meta: RuleMeta & { kind: K }; check(ctx: ContainerContext): void }[] {
  return (r) => {
    const { name, sources, ...meta } = r.meta;
    const docs = sources[source];
    if (!docs) return [];
    return [
      {
        meta: {
          ...meta,
          id: `${source}/${name}`,
          kind: source,
          group: meta.group && `${source}/${meta.group}`,
          description: docs.description ?? meta.description,
          howToFix: docs.howToFix ?? meta.howToFix,
          fixes: docs.fixes,
          examples: docs.examples,
          references: [reference, ...meta.references],
        },
        check: (ctx) => r.check(ctx as Parameters<typeof r.check>[0]),
      },
    ];
  };
}

export const composeRules: ComposeRule[] = [
  asCompose(containerApparmorUnconfined),
  asCompose(containerUlimitsUnlimited),
  asCompose(containerLoggingDisabled),
  asCompose(containerCgroupParent),
  asCompose(containerAdminPort),
  asCompose(containerCapAdd),
  asCompose(containerCapDropMissing),
  asCompose(containerCpuLimit),
  asCompose(containerDevices),
  asCompose(containerDockerDaemonTcp),
  asCompose(containerDockerSocket),
  asCompose(containerHardening),
  asCompose(containerHostCgroupns),
  asCompose(containerHostIpc),
  asCompose(containerHostNetwork),
  asCompose(containerHostPid),
  asCompose(containerHostUserns),
  asCompose(containerHostUts),
  asCompose(containerHealthcheckMissing),
  asCompose(containerImageDigest),
  asCompose(containerImageTag),
  composeInsecureBuild,
  asCompose(containerMemoryLimit),
  asCompose(containerMountPropagation),
  asCompose(containerNamespaceJoin),
  asCompose(containerNoNewPrivileges),
  asCompose(containerOomKillDisable),
  asCompose(containerPidsLimit),
  asCompose(containerPortAllInterfaces),
  asCompose(containerPrivileged),
  asCompose(containerPrivilegedPort),
  asCompose(containerReadOnlyRootfs),
  asCompose(containerResourceLimits),
  asCompose(containerSeccompUnconfined),
  asCompose(containerSecretInEnvironment),
  asCompose(containerSelinuxDisabled),
  asCompose(containerSensitiveHostMount),
  asCompose(containerSystempathsUnconfined),
  asCompose(containerTmpfsOptions),
  asCompose(containerUntrustedRegistry),
  asCompose(containerUserRoot),
];
export const dockerfileRules: DockerfileRule[] = [
  dockerfileAddInsteadOfCopy,
  dockerfileAddRemoteUrl,
  dockerfileContextLeak,
  dockerfileCurlPipeShell,
  dockerfileDockerDaemonTcp,
  dockerfileExposeSsh,
  dockerfileHealthcheckMissing,
  dockerfileHostNetwork,
  dockerfileImageDigest,
  dockerfileImageTag,
  dockerfileInsecureDownload,
  dockerfileInsecureRun,
  dockerfileInstallRecommends,
  dockerfileMissingUser,
  dockerfilePackageVersion,
  dockerfileSecretInArgEnv,
  dockerfileSecretInRun,
  dockerfileSshd,
  dockerfileSudo,
  dockerfileUntrustedRegistry,
  dockerfileUpdateWithoutInstall,
  dockerfileUserRoot,
  dockerfileVerificationDisabled,
  dockerfileVolumeSocket,
  dockerfileWorldWritable,
];

/** Findings about suppression comments themselves (they run after the other rules, on the file's directives). */
export const metaRuleModules: MetaRule[] = [metaUnusedIgnore, metaIgnoreWithoutReason];
export const metaRules: RuleMeta[] = metaRuleModules.map((r) => r.meta);

/** Rules for devcontainer.json: the runtime rules, and the rules about what only a dev container declares. */
export const devcontainerRules: DevcontainerRule[] = [
  ...containerRules.flatMap(asSource('devcontainer', DEVCONTAINER_REFERENCE)),
  devcontainerInitializeCommand,
];

/** Rules for containers started by command lines (scripts, Makefiles, a Dockerfile's RUN, workflows, Markdown). */
export const runRules: RunRule[] = containerRules.flatMap(asSource('run', RUN_REFERENCE));

/** Rules about engine commands that grant outside a container's profile (on command lines, beside runRules). */
export const commandRules: CommandRule[] = [
  commandBuildEntitlement,
  commandExecPrivileged,
  commandPluginAllPermissions,
];

/** Rules about the Docker daemon's own configuration. */
export const daemonRules: DaemonRule[] = [
  daemonHardening,
  daemonInsecureRegistries,
  daemonMetricsAllInterfaces,
  daemonSeccompUnconfined,
  daemonSocketPermissions,
  daemonTcpWithoutTls,
];

export const allRules = [
  ...composeRules,
  ...dockerfileRules,
  ...devcontainerRules,
  ...runRules,
  ...commandRules,
  ...daemonRules,
];
export const ruleById = new Map<
  string,
  ComposeRule | DockerfileRule | DevcontainerRule | RunRule | CommandRule | DaemonRule
>(allRules.map((r) => [r.meta.id, r]));
export const allMeta: RuleMeta[] = [...allRules.map((r) => r.meta), ...metaRules];

/** Rule id -> names of its options (for config validation). */
export function knownRuleOptions(): Map<string, Set<string>> {
  return new Map(allMeta.map((m) => [m.id, new Set(Object.keys(m.options ?? {}))]));
}
