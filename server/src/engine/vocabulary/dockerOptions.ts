// Docker's option vocabulary, as `docker run`, Compose and devcontainer.json write it: volume specs, short port
// specs, `name=value` options. Plain string functions, shared by every source and the rules.

/** The programs whose `run` / `create` take docker's flags: Docker, Podman and nerdctl (containerd's CLI). */
export const ENGINE_PROGRAMS: readonly string[] = ['docker', 'podman', 'nerdctl'];

/** A bind source is a host path when it starts with `/`, `.`, `~` or a Windows drive. */
export function isHostPath(s: string): boolean {
  return /^([/.~]|[A-Za-z]:[\\/])/.test(s);
}

/** Splits `src:dst:opts` while keeping Windows drive letters (`C:\x:/y`) together. */
export function splitVolume(spec: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ':' && !(cur.length === 1 && /[A-Za-z]/.test(cur) && /[\\/]/.test(spec[i + 1] ?? ''))) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** A short port spec (`8080:80`, `80`, `0.0.0.0:8080:80`) bound to 127.0.0.1 instead of every interface. */
export function loopbackPortSpec(spec: string): string {
  if (/^(0\.0\.0\.0|\[::\]|::):/.test(spec)) return spec.replace(/^(0\.0\.0\.0|\[::\]|::):/, '127.0.0.1:');
  return spec.includes(':') ? `127.0.0.1:${spec}` : `127.0.0.1::${spec}`;
}

/** A short port spec (`[ip:][host:]container[/proto]`): host address, published and target port. */
export function parseShortPort(spec: string): {
  hostIp: string | undefined;
  hostIpKnown: boolean;
  published: string | undefined;
  target: string | undefined;
} {
  let s = spec.trim();
  let hostIp: string | undefined;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(s);
  if (v6) {
    hostIp = v6[1];
    s = v6[2];
  }
  const parts = s.split(':');
  if (!v6 && parts.length === 3) {
    hostIp = parts.shift();
  } else if (!v6 && parts.length > 3) {
    // an unbracketed IPv6 address: everything but the last two fields
    const target = parts.pop();
    const published = parts.pop();
    return { hostIp: parts.join(':'), hostIpKnown: true, published, target };
  }
  const target = parts.pop();
  const published = parts.length ? parts.pop() : undefined;
  return { hostIp, hostIpKnown: true, published, target: target?.replace(/\/\w+$/, '') };
}

/** `name`, `name:value` or `name=value`, with spaces around the parts (a hand-written split: linear time). */
export function splitOption(t: string): { name: string; value: string | undefined } | undefined {
  const s = t.trim();
  let i = 0;
  while (i < s.length && s[i] !== ':' && s[i] !== '=' && !/\s/.test(s[i])) i++;
  if (i === 0) return undefined;
  const name = s.slice(0, i);
  const rest = s.slice(i).trimStart();
  if (rest === '') return { name, value: undefined };
  if (rest[0] !== ':' && rest[0] !== '=') return undefined;
  return { name, value: rest.slice(1).trim() };
}
