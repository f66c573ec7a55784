// Host paths as mounts name them, and which of them a container should not get.
import * as path from 'node:path';

/** Is `p` the folder `dir` or inside it (both absolute, resolved, this platform's separators)? */
export function isInside(p: string, dir: string): boolean {
  if (p === dir) return true;
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** `to` relative to the folder `from`, with `/` separators on every platform (what globs and baselines match). */
export function relativeSlashed(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/** Normalises a host path: `\\` as `/`, `~` kept, trailing slashes and `//` folded, `/./` removed. */
export function normPath(p: string): string {
  let s = p
    .replace(/\\/g, '/')
    .replace(/\/+/g, '/')
    .replace(/\/\.(?=\/|$)/g, '');
  if (s.length > 1) s = s.replace(/\/$/, '');
  return s || '/';
}

/**
 * The host path a bind source names, as Compose resolves it, or undefined when it cannot be told from the file:
 * `..` segments are applied (`/..` is `/`); `~` stays `~` (the user's home); a relative source is resolved
 * against the Compose file's folder, and judged only when it climbs out of it at least as far as the folder is
 * deep, so that it reaches `/` wherever the repository is checked out (`../../../../etc` is `/etc`). A relative
 * source that stays in or near the project is the project's own folder: undefined.
 */
export function hostPathOf(source: string, composeDir: string): string | undefined {
  const s = source.replace(/\\/g, '/');
  if (s.startsWith('/')) return normPath(path.posix.normalize(s));
  if (s === '~' || s.startsWith('~/')) {
    const rest = path.posix.normalize(`/${s.slice(1)}`); // `..` cannot climb above the home in this reading
    return rest === '/' ? '~' : `~${rest}`;
  }
  if (/^[A-Za-z]:\//.test(s)) return undefined; // a Windows drive: not this host's tree
  const segs = path.posix.normalize(s).split('/');
  let ups = 0;
  while (segs[ups] === '..') ups++;
  const depth = composeDir.split(/[\\/]/).filter(Boolean).length;
  if (ups === 0 || ups < depth) return undefined;
  return normPath(path.posix.normalize(`/${segs.slice(ups).join('/')}`));
}

/** Files in the home directory that hold credentials (`~` itself too). */
export const SENSITIVE_HOME = [
  '~',
  '~/.ssh',
  '~/.aws',
  '~/.azure',
  '~/.config/gcloud',
  '~/.kube',
  '~/.docker',
  '~/.gnupg',
  '~/.netrc',
  '~/.git-credentials',
  '~/.npmrc',
  '~/.pypirc',
];

/** Device files that expose nothing: reading zeros or random bytes, writing to nowhere (`/dev/null:/x` blanks a file). */
export const HARMLESS_DEVICES = ['/dev/null', '/dev/zero', '/dev/random', '/dev/urandom', '/dev/full'];

/** Host time zone files, mounted read-only everywhere to share the host's clock settings. */
export const TIME_ZONE_FILES = ['/etc/localtime', '/etc/timezone', '/usr/share/zoneinfo'];

/**
 * Host files that describe the host and hold no secret (anyone on it may read them): what monitoring agents mount
 * read-only to name the host, its distribution and its users. Writable, each is still the host's (a line in
 * /etc/passwd is a user).
 */
export const HOST_FACT_FILES = [
  '/etc/os-release',
  '/usr/lib/os-release',
  '/etc/lsb-release',
  '/etc/hostname',
  '/etc/hosts',
  '/etc/machine-id',
  '/var/lib/dbus/machine-id',
  '/etc/passwd',
  '/etc/group',
  '/etc/resolv.conf',
];

/**
 * The folders under /run (and /var/run) where a database or application server keeps its own socket: a bind of
 * one reaches that service, as a network connection would, and neither the host nor its engine. Any other socket
 * under /run stays sensitive (systemd, D-Bus, containerd, libvirt... each controls the host).
 */
const SERVICE_SOCKET_DIRS = ['mysqld', 'mariadb', 'postgresql', 'redis', 'memcached', 'php', 'php-fpm', 'uwsgi'];

/**
 * Host sockets (and their folders) that control the host: the system D-Bus (systemd, NetworkManager, polkit ask
 * it), systemd's private socket (its folder, whole, holds it; `/run/systemd/journal`, where services log, does not
 * control anything), libvirt's, snapd's, LXD's. A read-only bind does not restrict a socket, and a container's root
 * connects as the host's root. What each is, for a message; engine sockets are vocabulary/daemon.ts's.
 */
const HOST_CONTROL_SOCKETS: readonly { path: string; what: string; exact?: true }[] = [
  { path: '/run/dbus', what: "the host's system D-Bus" },
  { path: '/var/run/dbus', what: "the host's system D-Bus" },
  { path: '/run/systemd', what: "systemd's sockets", exact: true },
  { path: '/var/run/systemd', what: "systemd's sockets", exact: true },
  { path: '/run/systemd/private', what: "systemd's private socket" },
  { path: '/var/run/systemd/private', what: "systemd's private socket" },
  { path: '/run/libvirt', what: "libvirt's socket" },
  { path: '/var/run/libvirt', what: "libvirt's socket" },
  { path: '/run/snapd.socket', what: "snapd's socket" },
  { path: '/var/snap/lxd/common/lxd/unix.socket', what: "LXD's socket" },
  { path: '/var/lib/lxd/unix.socket', what: "LXD's socket" },
];

/** What a host path that holds a socket controlling the host is (`the host's system D-Bus`), or undefined. */
export function hostControlSocket(p: string): string | undefined {
  return HOST_CONTROL_SOCKETS.find((s) => (s.exact ? normPath(p) === s.path : under(p, s.path)))?.what;
}

/** Is `p` a database's or application server's own socket (or its folder) under /run or /var/run? */
export function isServiceSocket(p: string): boolean {
  const m = /^\/(?:var\/)?run\/([^/]+)(?:\/[^/]+)?$/.exec(normPath(p));
  return !!m && SERVICE_SOCKET_DIRS.includes(m[1]);
}

/**
 * What a host device exposes: raw memory, disks and raw I/O; the kernel's virtual machine monitor (`/dev/kvm`: a
 * large attack surface, not the host's memory); or less (a tunnel, FUSE, a GPU...).
 */
export function deviceExposure(dev: string): 'harmless' | 'raw' | 'kvm' | 'tunnel' | 'other' {
  const d = normPath(dev.trim());
  if (HARMLESS_DEVICES.includes(d)) return 'harmless';
  if (d === '/dev/net/tun') return 'tunnel';
  if (d === '/dev/kvm') return 'kvm';
  if (RAW_DEVICE.test(d)) return 'raw';
  return 'other';
}
const RAW_DEVICE =
  /^\/dev\/(mem|kmem|port|(sd|hd|vd|xvd)[a-z]+\d*|nvme\d+(n\d+(p\d+)?)?|mmcblk\d+(p\d+)?|dm-\d+|mapper\/.*|md\d+|loop\d+|loop-control|disk\/.*)$/;

/** Is `p` the directory `dir` or inside it (whole segments: /library is not under /lib)? */
export function under(p: string, dir: string): boolean {
  const a = normPath(p),
    d = normPath(dir);
  if (d === '/') return a === '/';
  return a === d || a.startsWith(d + '/');
}
