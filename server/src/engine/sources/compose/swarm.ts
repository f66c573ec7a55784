// A Compose file written for Swarm (`docker stack deploy`): Swarm publishes a port on every interface of every node
// (its routing mesh) and ignores the host address written before it (moby/moby#32299: "ignoring IP-address ...
// service will listen on '0.0.0.0'"), so `127.0.0.1:8080:80` there is no loopback binding.
import * as path from 'node:path';
import { isMap, isScalar } from 'yaml';
import { keptOn } from '../../memo';
import { text } from './effective';
import type { ComposeProject } from './project';
import type { Port } from './views';
import type { PublishedPort } from '../../model/container';
import type { TextEdit } from '../../types';
import { isAllInterfaces } from '../../vocabulary/addresses';

/** Keys of a service's `deploy` that only Swarm reads (Compose reads `replicas`, `resources`, `restart_policy`). */
const SWARM_DEPLOY_KEYS = ['placement', 'update_config', 'rollback_config', 'endpoint_mode'];
/** A `deploy.mode` only Swarm runs (Compose reads `replicated` too, as `replicas`). */
const SWARM_MODES = new Set(['global', 'global-job', 'replicated-job']);
/** A stack file's name: `docker-stack.yml`, `stack.yml`, `docker-stack.prod.yaml` (`elk-stack.yml` is not one). */
const STACK_NAME = /^(docker-)?stack([.-][^/\\]*)?\.ya?ml$/i;

const SWARM = keptOn<ComposeProject, string | false>('swarm');

/**
 * Why this project reads as a Swarm stack, for a message (`its name`, `deploy.placement`, `an overlay network`),
 * or undefined: a Compose project that does not say so is judged as `docker compose` runs it.
 */
export function swarmStack(project: ComposeProject): string | undefined {
  let why = SWARM.get(project);
  if (why === undefined) why = SWARM.set(project, swarmSignal(project) ?? false);
  return why || undefined;
}

function swarmSignal(project: ComposeProject): string | undefined {
  for (const f of project.files) if (STACK_NAME.test(path.basename(f.path))) return 'its name';
  for (const s of project.services) {
    const deploy = s.config.entries?.get('deploy')?.value;
    const key = SWARM_DEPLOY_KEYS.find((k) => deploy?.entries?.has(k));
    if (key) return `deploy.${key}`;
    const mode = text(deploy?.entries?.get('mode')?.value)?.trim();
    if (mode && SWARM_MODES.has(mode)) return `deploy.mode: ${mode}`;
  }
  for (const f of project.files) {
    const top = f.doc.contents;
    const networks = isMap(top) ? top.get('networks') : undefined;
    if (!isMap(networks)) continue;
    for (const n of networks.items)
      if (isMap(n.value) && isOverlay(n.value.get('driver', true))) return 'an overlay network';
  }
  return undefined;
}

function isOverlay(driver: unknown): boolean {
  return isScalar(driver) && driver.value === 'overlay';
}

/**
 * A port as the project publishes it. In a Swarm stack (`swarm`: why it reads as one) every port is on every
 * interface: a written address is kept only to be named, and no edit binds the port to one.
 */
export function publishedPort(p: Port, swarm: string | undefined, loopback: () => TextEdit[]): PublishedPort {
  const { published, target } = p;
  if (!swarm) return { hostIp: p.hostIp, hostIpKnown: p.hostIpKnown, published, target, loopback };
  const hostIpIgnored = {
    why: `the file reads as a Swarm stack by ${swarm}`,
    // an address that means every interface anyway (`0.0.0.0`) is not named as one Swarm ignores
    ...(p.hostIp && !isAllInterfaces(p.hostIp) ? { written: p.hostIp } : {}),
  };
  return { hostIp: undefined, hostIpKnown: true, published, target, loopback: () => [], hostIpIgnored };
}
