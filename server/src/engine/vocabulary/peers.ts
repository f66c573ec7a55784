// Other linters' check ids and the rules of ours that find the same thing: read in their ignore comments (hadolint,
// dclint) and listed on the generated mapping page (docs/rules/peers.md). Only what each peer's check and ours agree
// on is mapped: a peer's comment never silences a rule of ours that the peer would not have reported, and a check
// of theirs with no counterpart here (style, ordering) maps to nothing.

export interface PeerCheck {
  /** The peer's id (hadolint `DL3002`, dclint `no-unbound-port-interfaces`, Trivy `DS-0002`...). */
  id: string;
  /** What the peer's check is about, in a few words of ours. */
  about: string;
  /** Our rules that report the same thing. */
  ours: readonly string[];
}

export interface Peer {
  name: string;
  /** How its ids are written and where they come from. */
  note: string;
  checks: readonly PeerCheck[];
}

const PINNED = ['dockerfile/package-version'];

export const HADOLINT: Peer = {
  name: 'hadolint',
  note: 'Dockerfile rules (`DL` codes). Its `# hadolint ignore=DL...` and `# hadolint global ignore=...` comments are read.',
  checks: [
    { id: 'DL3002', about: 'the last USER is root', ours: ['dockerfile/user-root'] },
    { id: 'DL3004', about: 'sudo in RUN', ours: ['dockerfile/sudo'] },
    { id: 'DL3006', about: 'an image without a tag', ours: ['dockerfile/image-tag'] },
    { id: 'DL3007', about: 'the latest tag', ours: ['dockerfile/image-tag'] },
    { id: 'DL3008', about: 'apt-get install without versions', ours: PINNED },
    { id: 'DL3013', about: 'pip install without versions', ours: PINNED },
    { id: 'DL3015', about: 'apt-get install without --no-install-recommends', ours: ['dockerfile/install-recommends'] },
    { id: 'DL3016', about: 'npm install without versions', ours: PINNED },
    { id: 'DL3018', about: 'apk add without versions', ours: PINNED },
    { id: 'DL3020', about: 'ADD for local files', ours: ['dockerfile/add-instead-of-copy'] },
    { id: 'DL3026', about: 'an image from a registry not allowed', ours: ['dockerfile/untrusted-registry'] },
    { id: 'DL3028', about: 'gem install without versions', ours: PINNED },
    { id: 'DL3033', about: 'yum install without versions', ours: PINNED },
    { id: 'DL3037', about: 'zypper install without versions', ours: PINNED },
    { id: 'DL3041', about: 'dnf install without versions', ours: PINNED },
    { id: 'DL3057', about: 'no HEALTHCHECK', ours: ['dockerfile/healthcheck-missing'] },
  ],
};

export const DCLINT: Peer = {
  name: 'dclint',
  note: 'Docker Compose rules (names). Its `# dclint disable...` comments are read.',
  checks: [
    {
      id: 'no-unbound-port-interfaces',
      about: 'ports published on every interface',
      ours: ['compose/port-all-interfaces'],
    },
    { id: 'service-image-require-explicit-tag', about: 'an image without a tag', ours: ['compose/image-tag'] },
  ],
};

const TRIVY: Peer = {
  name: 'Trivy',
  note: 'Dockerfile misconfiguration checks (`DS` ids).',
  checks: [
    { id: 'DS-0001', about: 'the latest tag', ours: ['dockerfile/image-tag'] },
    { id: 'DS-0002', about: 'running as root', ours: ['dockerfile/user-root', 'dockerfile/missing-user'] },
    { id: 'DS-0004', about: 'port 22 exposed', ours: ['dockerfile/expose-ssh'] },
    {
      id: 'DS-0005',
      about: 'ADD instead of COPY',
      ours: ['dockerfile/add-instead-of-copy', 'dockerfile/add-remote-url'],
    },
    { id: 'DS-0010', about: 'sudo in RUN', ours: ['dockerfile/sudo'] },
  ],
};

const CHECKOV: Peer = {
  name: 'Checkov',
  note: 'Dockerfile checks (`CKV_DOCKER`, `CKV2_DOCKER` ids).',
  checks: [
    { id: 'CKV_DOCKER_1', about: 'port 22 exposed', ours: ['dockerfile/expose-ssh'] },
    { id: 'CKV_DOCKER_3', about: 'no USER', ours: ['dockerfile/missing-user'] },
    {
      id: 'CKV_DOCKER_4',
      about: 'ADD instead of COPY',
      ours: ['dockerfile/add-instead-of-copy', 'dockerfile/add-remote-url'],
    },
    { id: 'CKV_DOCKER_7', about: 'the latest tag', ours: ['dockerfile/image-tag'] },
    { id: 'CKV_DOCKER_8', about: 'the last USER is root', ours: ['dockerfile/user-root'] },
    { id: 'CKV2_DOCKER_1', about: 'sudo in RUN', ours: ['dockerfile/sudo'] },
    {
      id: 'CKV2_DOCKER_2 to CKV2_DOCKER_16',
      about: 'certificate or signature checks turned off',
      ours: ['dockerfile/verification-disabled'],
    },
  ],
};

const KICS: Peer = {
  name: 'KICS',
  note: 'Docker and Compose queries, by name (their ids are UUIDs).',
  checks: [
    { id: 'Privileged Containers Enabled', about: 'privileged', ours: ['compose/privileged'] },
    {
      id: 'Container Capabilities Unrestricted',
      about: 'capabilities added, none dropped',
      ours: ['compose/cap-add', 'compose/cap-drop-missing'],
    },
    { id: 'Memory Not Limited', about: 'no memory limit', ours: ['compose/memory-limit'] },
    { id: 'Cpus Not Limited', about: 'no CPU limit', ours: ['compose/cpu-limit'] },
    { id: 'Pids Limit Not Set', about: 'no PID limit', ours: ['compose/pids-limit'] },
    { id: 'Shared Host Network Namespace', about: 'host network', ours: ['compose/host-network'] },
    { id: 'Host Namespace is Shared', about: 'host PID namespace', ours: ['compose/host-pid'] },
    { id: 'Shared Host IPC Namespace', about: 'host IPC namespace', ours: ['compose/host-ipc'] },
    { id: 'Shared Host User Namespace', about: 'host user namespace', ours: ['compose/host-userns'] },
    { id: 'Docker Socket Mounted In Container', about: 'the Docker socket', ours: ['compose/docker-socket'] },
    { id: 'No New Privileges Not Set', about: 'no-new-privileges missing', ours: ['compose/no-new-privileges'] },
    { id: 'Default Seccomp Profile Disabled', about: 'seccomp unconfined', ours: ['compose/seccomp-unconfined'] },
    {
      id: 'Volume Has Sensitive Host Directory',
      about: 'a sensitive host path mounted',
      ours: ['compose/sensitive-host-mount'],
    },
    {
      id: 'Container Traffic Not Bound To Host Interface',
      about: 'ports on every interface',
      ours: ['compose/port-all-interfaces'],
    },
    {
      id: 'Passwords And Secrets',
      about: 'secrets in plain text',
      ours: ['compose/secret-in-environment', 'dockerfile/secret-in-arg-env'],
    },
    { id: "Last User Is 'root'", about: 'the last USER is root', ours: ['dockerfile/user-root'] },
    { id: 'Missing User Instruction', about: 'no USER', ours: ['dockerfile/missing-user'] },
    { id: 'Run Using Sudo', about: 'sudo in RUN', ours: ['dockerfile/sudo'] },
    {
      id: 'Add Instead of Copy',
      about: 'ADD instead of COPY',
      ours: ['dockerfile/add-instead-of-copy', 'dockerfile/add-remote-url'],
    },
    { id: "Image Version Using 'latest'", about: 'the latest tag', ours: ['dockerfile/image-tag'] },
    { id: 'Image Version Not Explicit', about: 'an image without a tag', ours: ['dockerfile/image-tag'] },
    { id: 'Exposing Port 22 (SSH)', about: 'port 22 exposed', ours: ['dockerfile/expose-ssh'] },
  ],
};

const COMPOSE_LINT: Peer = {
  name: 'compose-lint',
  note: 'Compose checks (`CL` ids); only those whose meaning is documented where we could check it.',
  checks: [
    { id: 'CL-0001', about: 'the Docker socket mounted', ours: ['compose/docker-socket'] },
    { id: 'CL-0005', about: 'ports on every interface', ours: ['compose/port-all-interfaces'] },
  ],
};

export const PEERS: readonly Peer[] = [HADOLINT, DCLINT, TRIVY, CHECKOV, KICS, COMPOSE_LINT];

const byId = (p: Peer) => new Map(p.checks.map((c) => [c.id.toUpperCase(), c.ours]));
const HADOLINT_IDS = byId(HADOLINT);
const DCLINT_IDS = byId(DCLINT);
const DCLINT_ALL = [...new Set(DCLINT.checks.flatMap((c) => c.ours))];

/** Our rule ids for a peer comment's ids (unknown ones map to nothing); dclint without ids: all it maps to. */
export function peerRuleIds(peer: 'hadolint' | 'dclint', ids: readonly string[]): string[] {
  if (peer === 'dclint' && !ids.length) return DCLINT_ALL;
  const table = peer === 'hadolint' ? HADOLINT_IDS : DCLINT_IDS;
  return [...new Set(ids.flatMap((id) => table.get(id.toUpperCase()) ?? []))];
}
