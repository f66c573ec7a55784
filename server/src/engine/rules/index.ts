// The rule registry. Docs, SARIF metadata and the config schema are generated from it.
// test/engine/registry.test.ts checks that every rule file is listed here, and that rules import no other rule.
import type { ComposeRule, DockerfileRule, MetaRule, RuleMeta } from './rule';
import { rule as composeAdminPort } from './compose/admin-port';
import { rule as composeCgroupParent } from './compose/cgroup-parent';
import { rule as composeLoggingDisabled } from './compose/logging-disabled';
import { rule as composeUlimitsUnlimited } from './compose/ulimits-unlimited';
import { rule as composeApparmorUnconfined } from './compose/apparmor-unconfined';
import { rule as composeCapAdd } from './compose/cap-add';
import { rule as composeCapDropMissing } from './compose/cap-drop-missing';
import { rule as composeCpuLimit } from './compose/cpu-limit';
import { rule as composeDevices } from './compose/devices';
import { rule as composeDockerDaemonTcp } from './compose/docker-daemon-tcp';
import { rule as composeDockerSocket } from './compose/docker-socket';
import { rule as composeHardening } from './compose/hardening';
import { rule as composeHostCgroupns } from './compose/host-cgroupns';
import { rule as composeHostIpc } from './compose/host-ipc';
import { rule as composeHostNetwork } from './compose/host-network';
import { rule as composeHostPid } from './compose/host-pid';
import { rule as composeHostUserns } from './compose/host-userns';
import { rule as composeHostUts } from './compose/host-uts';
import { rule as composeImageTag } from './compose/image-tag';
import { rule as composeInsecureBuild } from './compose/insecure-build';
import { rule as composeMemoryLimit } from './compose/memory-limit';
import { rule as composeMountPropagation } from './compose/mount-propagation';
import { rule as composeNamespaceJoin } from './compose/namespace-join';
import { rule as composeNoNewPrivileges } from './compose/no-new-privileges';
import { rule as composeOomKillDisable } from './compose/oom-kill-disable';
import { rule as composePidsLimit } from './compose/pids-limit';
import { rule as composePortAllInterfaces } from './compose/port-all-interfaces';
import { rule as composePrivileged } from './compose/privileged';
import { rule as composeReadOnlyRootfs } from './compose/read-only-rootfs';
import { rule as composeResourceLimits } from './compose/resource-limits';
import { rule as composeSeccompUnconfined } from './compose/seccomp-unconfined';
import { rule as composeSecretInEnvironment } from './compose/secret-in-environment';
import { rule as composeSelinuxDisabled } from './compose/selinux-disabled';
import { rule as composeSensitiveHostMount } from './compose/sensitive-host-mount';
import { rule as composeSystempathsUnconfined } from './compose/systempaths-unconfined';
import { rule as composeUserRoot } from './compose/user-root';
import { rule as dockerfileAddInsteadOfCopy } from './dockerfile/add-instead-of-copy';
import { rule as dockerfileAddRemoteUrl } from './dockerfile/add-remote-url';
import { rule as dockerfileContextLeak } from './dockerfile/context-leak';
import { rule as dockerfileCurlPipeShell } from './dockerfile/curl-pipe-shell';
import { rule as dockerfileDockerDaemonTcp } from './dockerfile/docker-daemon-tcp';
import { rule as dockerfileExposeSsh } from './dockerfile/expose-ssh';
import { rule as dockerfileHostNetwork } from './dockerfile/host-network';
import { rule as dockerfileImageTag } from './dockerfile/image-tag';
import { rule as dockerfileInsecureRun } from './dockerfile/insecure-run';
import { rule as dockerfileMissingUser } from './dockerfile/missing-user';
import { rule as dockerfileSecretInArgEnv } from './dockerfile/secret-in-arg-env';
import { rule as dockerfileSshd } from './dockerfile/sshd';
import { rule as dockerfileSudo } from './dockerfile/sudo';
import { rule as dockerfileUserRoot } from './dockerfile/user-root';
import { rule as dockerfileVerificationDisabled } from './dockerfile/verification-disabled';
import { rule as dockerfileVolumeSocket } from './dockerfile/volume-socket';
import { rule as dockerfileWorldWritable } from './dockerfile/world-writable';
import { rule as metaUnusedIgnore } from './meta/unused-ignore';
import { rule as metaIgnoreWithoutReason } from './meta/ignore-without-reason';

export const composeRules: ComposeRule[] = [
  composeApparmorUnconfined,
  composeUlimitsUnlimited,
  composeLoggingDisabled,
  composeCgroupParent,
  composeAdminPort,
  composeCapAdd,
  composeCapDropMissing,
  composeCpuLimit,
  composeDevices,
  composeDockerDaemonTcp,
  composeDockerSocket,
  composeHardening,
  composeHostCgroupns,
  composeHostIpc,
  composeHostNetwork,
  composeHostPid,
  composeHostUserns,
  composeHostUts,
  composeImageTag,
  composeInsecureBuild,
  composeMemoryLimit,
  composeMountPropagation,
  composeNamespaceJoin,
  composeNoNewPrivileges,
  composeOomKillDisable,
  composePidsLimit,
  composePortAllInterfaces,
  composePrivileged,
  composeReadOnlyRootfs,
  composeResourceLimits,
  composeSeccompUnconfined,
  composeSecretInEnvironment,
  composeSelinuxDisabled,
  composeSensitiveHostMount,
  composeSystempathsUnconfined,
  composeUserRoot,
];
export const dockerfileRules: DockerfileRule[] = [
  dockerfileAddInsteadOfCopy,
  dockerfileAddRemoteUrl,
  dockerfileContextLeak,
  dockerfileCurlPipeShell,
  dockerfileDockerDaemonTcp,
  dockerfileExposeSsh,
  dockerfileHostNetwork,
  dockerfileImageTag,
  dockerfileInsecureRun,
  dockerfileMissingUser,
  dockerfileSecretInArgEnv,
  dockerfileSshd,
  dockerfileSudo,
  dockerfileUserRoot,
  dockerfileVerificationDisabled,
  dockerfileVolumeSocket,
  dockerfileWorldWritable,
];

/** Findings about suppression comments themselves (they run after the other rules, on the file's directives). */
export const metaRuleModules: MetaRule[] = [metaUnusedIgnore, metaIgnoreWithoutReason];
export const metaRules: RuleMeta[] = metaRuleModules.map((r) => r.meta);

export const allRules = [...composeRules, ...dockerfileRules];
export const ruleById = new Map<string, ComposeRule | DockerfileRule>(allRules.map((r) => [r.meta.id, r]));
export const allMeta: RuleMeta[] = [...allRules.map((r) => r.meta), ...metaRules];

/** Rule id -> names of its options (for config validation). */
export function knownRuleOptions(): Map<string, Set<string>> {
  return new Map(allMeta.map((m) => [m.id, new Set(Object.keys(m.options ?? {}))]));
}
