// What well-known images use a grant for: their documented setup needs host networking, the Docker socket,
// privileged mode, a capability or a device. Shipped with the engine (no network at run time). A finding on such a
// grant says what it is for and whether a safer way exists, instead of an unexplained error.
import { shortImageName } from './images';

/**
 * A grant as the table names it: a host namespace, the engine's socket, privileged mode, a capability
 * (`cap:NET_ADMIN`) or a device path prefix (`device:/dev/dri`).
 */
export type Grant = 'host-network' | 'host-pid' | 'docker-socket' | 'privileged' | `cap:${string}` | `device:${string}`;

export interface Purpose {
  /** Image names without registry prefix for Docker Hub (`traefik`, `linuxserver/wireguard`), or with it. */
  images: readonly string[];
  grants: readonly Grant[];
  /** What the image uses the grant for, completing "<image> uses it to ...". */
  purpose: string;
  /** A safer way to the same end, if there is one. */
  safer?: string;
  /** The documentation page that describes the setup. */
  docs: string;
}

const SOCKET_PROXY =
  'give it a socket proxy (tecnativa/docker-socket-proxy) that allows only the read-only API calls it needs ' +
  '(CONTAINERS=1), on an internal network, instead of the socket itself';

/** Images with entries for more than one grant. */
const HOME_ASSISTANT = [
  'homeassistant/home-assistant',
  'ghcr.io/home-assistant/home-assistant',
  'linuxserver/homeassistant',
];
const ESPHOME = ['esphome/esphome', 'ghcr.io/esphome/esphome'];
const FALCO = ['falcosecurity/falco', 'falcosecurity/falco-no-driver'];
const PLEX = ['plexinc/pms-docker', 'linuxserver/plex', 'lscr.io/linuxserver/plex'];
const WIREGUARD = [
  'linuxserver/wireguard',
  'lscr.io/linuxserver/wireguard',
  'weejewel/wg-easy',
  'ghcr.io/wg-easy/wg-easy',
  'wg-easy/wg-easy',
];

/** At least one entry per well-known image; an image may have several entries for different grants. */
export const PURPOSES: readonly Purpose[] = [
  {
    images: ['traefik', 'library/traefik'],
    grants: ['docker-socket'],
    purpose: 'read the labels of running containers and route to them',
    safer: SOCKET_PROXY,
    docs: 'https://doc.traefik.io/traefik/providers/docker/#docker-api-access',
  },
  {
    images: ['lucaslorentz/caddy-docker-proxy'],
    grants: ['docker-socket'],
    purpose: 'read the labels of running containers and route to them',
    safer: SOCKET_PROXY,
    docs: 'https://github.com/lucaslorentz/caddy-docker-proxy#docker-api-access',
  },
  {
    images: ['jwilder/nginx-proxy', 'nginxproxy/nginx-proxy', 'nginxproxy/docker-gen', 'jwilder/docker-gen'],
    grants: ['docker-socket'],
    purpose: 'watch containers for VIRTUAL_HOST and write the proxy configuration',
    safer:
      'run docker-gen in a separate container that alone holds the socket (the documented separate-containers ' +
      'setup), or a socket proxy limited to read-only calls',
    docs: 'https://github.com/nginx-proxy/nginx-proxy/tree/main/docs#separate-containers',
  },
  {
    images: ['nginxproxy/acme-companion', 'jrcs/letsencrypt-nginx-proxy-companion'],
    grants: ['docker-socket'],
    purpose: 'find the proxied containers and reload the proxy when a certificate is renewed',
    docs: 'https://github.com/nginx-proxy/acme-companion/blob/main/docs/Basic-usage.md',
  },
  {
    images: ['portainer/portainer-ce', 'portainer/portainer-ee', 'portainer/portainer', 'portainer/agent'],
    grants: ['docker-socket'],
    purpose: 'manage the Docker host: full control of the engine is what it is for',
    docs: 'https://docs.portainer.io/start/install-ce/server/docker/linux',
  },
  {
    images: ['containrrr/watchtower', 'nickfedor/watchtower'],
    grants: ['docker-socket'],
    purpose: 'pull new images and recreate the containers that run them',
    docs: 'https://containrrr.dev/watchtower/',
  },
  {
    images: ['amir20/dozzle'],
    grants: ['docker-socket'],
    purpose: 'read the logs and stats of running containers',
    safer: SOCKET_PROXY,
    docs: 'https://dozzle.dev/guide/getting-started',
  },
  {
    images: ['louislam/uptime-kuma'],
    grants: ['docker-socket'],
    purpose: 'monitor whether containers are running',
    safer: SOCKET_PROXY,
    docs: 'https://github.com/louislam/uptime-kuma/wiki/Monitor-Docker-Containers',
  },
  {
    images: ['ghcr.io/gethomepage/homepage'],
    grants: ['docker-socket'],
    purpose: 'show the status of containers on its dashboard',
    safer: SOCKET_PROXY,
    docs: 'https://gethomepage.dev/configs/docker/',
  },
  {
    images: ['tecnativa/docker-socket-proxy', 'linuxserver/socket-proxy', 'lscr.io/linuxserver/socket-proxy'],
    grants: ['docker-socket'],
    purpose:
      'be the filter other services reach instead of the socket (keep it on an internal network, with only the ' +
      'API sections they need allowed)',
    docs: 'https://github.com/Tecnativa/docker-socket-proxy#readme',
  },
  {
    images: ['gitlab/gitlab-runner'],
    grants: ['docker-socket'],
    purpose: 'start the containers of CI jobs (its docker executor)',
    docs: 'https://docs.gitlab.com/runner/install/docker.html',
  },
  {
    images: ['drone/drone-runner-docker', 'woodpeckerci/woodpecker-agent'],
    grants: ['docker-socket'],
    purpose: 'start the containers of pipeline steps',
    docs: 'https://woodpecker-ci.org/docs/administration/configuration/backends/docker',
  },
  {
    images: ['jenkins/jenkins'],
    grants: ['docker-socket'],
    purpose: 'run Docker commands from pipelines',
    safer: "a docker:dind sidecar reached over TLS (Jenkins' documented setup), not the host's socket",
    docs: 'https://www.jenkins.io/doc/book/installing/docker/',
  },
  {
    images: ['docker', 'library/docker'],
    grants: ['privileged'],
    purpose: 'run a Docker daemon inside the container (docker:dind)',
    safer:
      'build images without a daemon (BuildKit rootless, kaniko), or use the Sysbox runtime, which runs ' +
      'Docker-in-Docker without privileged',
    docs: 'https://hub.docker.com/_/docker',
  },
  {
    images: ['moby/buildkit'],
    grants: ['privileged'],
    purpose: 'create the mount and process namespaces of build steps',
    safer: 'moby/buildkit:rootless with --oci-worker-no-process-sandbox, which needs no privileged mode',
    docs: 'https://github.com/moby/buildkit/blob/master/docs/rootless.md',
  },
  {
    images: ['kindest/node', 'rancher/k3s', 'gcr.io/k8s-minikube/kicbase'],
    grants: ['privileged'],
    purpose: 'run a Kubernetes node (kubelet, containerd, cgroups) inside the container',
    docs: 'https://kind.sigs.k8s.io/docs/user/known-issues/',
  },
  {
    images: ['tonistiigi/binfmt', 'multiarch/qemu-user-static', 'aptman/qus'],
    grants: ['privileged'],
    purpose: "register QEMU emulators in the host kernel's binfmt_misc, once, and exit",
    docs: 'https://github.com/tonistiigi/binfmt#installing-emulators',
  },
  {
    images: HOME_ASSISTANT,
    grants: ['host-network'],
    purpose: 'discover devices on the local network (mDNS, SSDP/UPnP, Bluetooth)',
    docs: 'https://www.home-assistant.io/installation/linux#docker-compose',
  },
  {
    images: HOME_ASSISTANT,
    grants: ['privileged'],
    purpose: 'reach USB radios (Zigbee, Z-Wave) and the Bluetooth adapter',
    safer: 'pass the one device it uses (devices: /dev/ttyUSB0) instead of privileged mode',
    docs: 'https://www.home-assistant.io/installation/linux#exposing-devices',
  },
  {
    images: ESPHOME,
    grants: ['host-network'],
    purpose: 'find ESPHome devices on the local network by mDNS',
    docs: 'https://esphome.io/guides/getting_started_command_line',
  },
  {
    images: ESPHOME,
    grants: ['privileged'],
    purpose: 'flash devices over USB',
    safer: 'pass the serial device it flashes (devices: /dev/ttyUSB0) instead of privileged mode',
    docs: 'https://esphome.io/guides/getting_started_command_line',
  },
  {
    images: ['koenkk/zigbee2mqtt', 'zwavejs/zwave-js-ui', 'zwavejs/zwavejs2mqtt'],
    grants: ['device:/dev/tty', 'device:/dev/serial'],
    purpose: 'talk to its Zigbee or Z-Wave USB stick',
    docs: 'https://www.zigbee2mqtt.io/guide/installation/02_docker.html',
  },
  {
    images: ['prom/node-exporter', 'quay.io/prometheus/node-exporter'],
    grants: ['host-network', 'host-pid'],
    purpose: "report the host's own metrics (its interfaces and processes)",
    docs: 'https://github.com/prometheus/node_exporter#docker',
  },
  {
    images: ['gcr.io/cadvisor/cadvisor', 'google/cadvisor'],
    grants: ['privileged', 'device:/dev/kmsg', 'docker-socket'],
    purpose: 'read the resource usage of every container on the host',
    docs: 'https://github.com/google/cadvisor#quick-start-running-cadvisor-in-a-docker-container',
  },
  {
    images: ['netdata/netdata'],
    grants: ['docker-socket'],
    purpose: 'name the containers it monitors',
    safer: 'mount the socket through a socket proxy limited to read-only calls, as its docs suggest',
    docs: 'https://learn.netdata.cloud/docs/netdata-agent/installation/docker',
  },
  {
    images: ['netdata/netdata'],
    grants: ['host-pid', 'host-network', 'cap:SYS_PTRACE', 'cap:SYS_ADMIN'],
    purpose: 'monitor the host: its processes and network',
    docs: 'https://learn.netdata.cloud/docs/netdata-agent/installation/docker',
  },
  {
    images: ['nicolargo/glances'],
    grants: ['host-pid', 'docker-socket'],
    purpose: "show the host's processes and containers",
    docs: 'https://glances.readthedocs.io/en/latest/docker.html',
  },
  {
    images: FALCO,
    grants: ['host-pid'],
    purpose: "see the host's processes whose system calls it watches",
    docs: 'https://falco.org/docs/setup/container/',
  },
  {
    images: FALCO,
    grants: ['privileged'],
    purpose: "watch the host kernel's system calls for threats",
    safer:
      'the least-privileged mode with the modern eBPF driver (cap_add: SYS_ADMIN, SYS_RESOURCE, SYS_PTRACE) instead of privileged',
    docs: 'https://falco.org/docs/setup/container/',
  },
  {
    images: ['docker/docker-bench-security'],
    grants: ['host-pid', 'host-network', 'docker-socket'],
    purpose: "audit the host's Docker configuration against the CIS benchmark",
    docs: 'https://github.com/docker/docker-bench-security#running-docker-bench-for-security',
  },
  {
    images: ['nicolaka/netshoot'],
    grants: ['host-network', 'cap:NET_ADMIN', 'cap:NET_RAW'],
    purpose: 'troubleshoot networking',
    safer:
      "join the network namespace of the container being debugged (network_mode: container:<name>), not the host's",
    docs: 'https://github.com/nicolaka/netshoot#readme',
  },
  {
    images: WIREGUARD,
    grants: ['cap:SYS_MODULE'],
    purpose: 'load the wireguard kernel module when the host has not',
    safer: 'load the wireguard kernel module on the host and drop SYS_MODULE',
    docs: 'https://docs.linuxserver.io/images/docker-wireguard/',
  },
  {
    images: WIREGUARD,
    grants: ['cap:NET_ADMIN', 'device:/dev/net/tun'],
    purpose: 'create the WireGuard interface and its routes',
    docs: 'https://docs.linuxserver.io/images/docker-wireguard/',
  },
  {
    images: ['qmcgaw/gluetun', 'ghcr.io/qdm12/gluetun'],
    grants: ['cap:NET_ADMIN', 'device:/dev/net/tun'],
    purpose: 'create the VPN tunnel and the firewall rules of its kill switch',
    docs: 'https://github.com/qdm12/gluetun-wiki/blob/main/setup/docker-compose.md',
  },
  {
    images: ['kylemanna/openvpn'],
    grants: ['cap:NET_ADMIN', 'device:/dev/net/tun'],
    purpose: 'create the VPN tunnel and route its clients',
    docs: 'https://github.com/kylemanna/docker-openvpn#quick-start',
  },
  {
    images: ['tailscale/tailscale', 'ghcr.io/tailscale/tailscale'],
    grants: ['cap:NET_ADMIN', 'cap:NET_RAW', 'cap:SYS_MODULE', 'device:/dev/net/tun'],
    purpose: 'create the tailscale0 interface',
    safer: 'userspace networking (TS_USERSPACE=true), which needs neither NET_ADMIN nor /dev/net/tun',
    docs: 'https://tailscale.com/kb/1282/docker',
  },
  {
    images: ['pihole/pihole'],
    grants: ['cap:NET_ADMIN', 'host-network'],
    purpose: 'serve DHCP on the local network (only when its DHCP server is used)',
    safer: 'drop NET_ADMIN and host networking when Pi-hole does not serve DHCP; publish port 53 instead',
    docs: 'https://github.com/pi-hole/docker-pi-hole#note-on-capabilities',
  },
  {
    images: ['crazymax/fail2ban', 'linuxserver/fail2ban', 'lscr.io/linuxserver/fail2ban'],
    grants: ['cap:NET_ADMIN', 'cap:NET_RAW', 'host-network'],
    purpose: "ban addresses in the host's firewall",
    docs: 'https://github.com/crazy-max/docker-fail2ban#usage',
  },
  {
    images: ['osixia/keepalived'],
    grants: ['cap:NET_ADMIN', 'cap:NET_BROADCAST', 'cap:NET_RAW', 'host-network'],
    purpose: 'move a virtual IP address between hosts (VRRP)',
    docs: 'https://github.com/osixia/docker-keepalived#quick-start',
  },
  {
    images: ['jellyfin/jellyfin', 'linuxserver/jellyfin', 'lscr.io/linuxserver/jellyfin'],
    grants: ['device:/dev/dri'],
    purpose: 'transcode video on the GPU (a render node)',
    docs: 'https://jellyfin.org/docs/general/administration/hardware-acceleration/',
  },
  {
    images: PLEX,
    grants: ['host-network'],
    purpose: 'be found by players on the local network (GDM discovery, DLNA)',
    safer: 'bridge networking with the ports it needs published (its docs describe it; local discovery is lost)',
    docs: 'https://github.com/plexinc/pms-docker#networking',
  },
  {
    images: PLEX,
    grants: ['device:/dev/dri'],
    purpose: 'transcode video on the GPU (a render node)',
    docs: 'https://github.com/plexinc/pms-docker#intel-quick-sync-hardware-transcoding-support',
  },
  {
    images: ['mikebrady/shairport-sync'],
    grants: ['host-network', 'device:/dev/snd'],
    purpose: 'be an AirPlay receiver found by mDNS, playing on the host sound card',
    docs: 'https://github.com/mikebrady/shairport-sync/blob/master/docker/README.md',
  },
  {
    images: ['ollama/ollama'],
    grants: ['device:/dev/kfd', 'device:/dev/dri'],
    purpose: 'run models on an AMD GPU (ROCm)',
    docs: 'https://hub.docker.com/r/ollama/ollama',
  },
];

const BY_IMAGE = new Map<string, Purpose[]>();
for (const p of PURPOSES)
  for (const image of p.images) {
    const key = image.replace(/^library\//, '');
    const list = BY_IMAGE.get(key) ?? [];
    list.push(p);
    BY_IMAGE.set(key, list);
  }

/** Does the entry's grant cover this one (a device grant by path prefix: `device:/dev/tty` covers /dev/ttyUSB0)? */
function covers(g: Grant, asked: Grant): boolean {
  if (g === asked) return true;
  return g.startsWith('device:') && asked.startsWith('device:') && asked.startsWith(g);
}

/** What this image uses this grant for, if the table knows (an image name, a tag or a digest). */
export function purposeOf(image: string | undefined, grant: Grant): Purpose | undefined {
  if (!image || /[$`]/.test(image)) return undefined;
  const list = BY_IMAGE.get(shortImageName(image));
  return list?.find((p) => p.grants.some((g) => covers(g, grant)));
}

/** The image's name as a finding quotes it (no tag or digest). */
export function purposeImageName(image: string): string {
  return shortImageName(image);
}
