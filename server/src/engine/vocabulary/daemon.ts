// The container engine's endpoints: daemon sockets (Docker, containerd, Podman, CRI-O) and the daemon on plain TCP.
// Shared by the Compose and Dockerfile rules.
import { normPath } from './paths';

const SOCKETS = [
  /^\/(var\/)?run\/docker\.sock$/,
  /^~\/\.docker\/run\/docker\.sock$/,
  /^\/run\/containerd\/containerd\.sock$/,
  /^\/(var\/)?run\/podman\/podman\.sock$/,
  /^\/run\/user\/[^/]+\/(docker|podman\/podman)\.sock$/,
  /^\/var\/run\/containerd\/containerd\.sock$/,
  /^\/\/\.\/pipe\/docker_engine$/,
  /^\/var\/run\/crio\/crio\.sock$/,
  /^\/run\/crio\/crio\.sock$/,
];

/** The API socket's file name of an engine (Docker, containerd, Podman, CRI-O), wherever it lives. */
const SOCKET_NAME = /(^|\/)(docker|containerd|podman|crio|dockershim)\.sock$/;

/**
 * Is this host path a container engine's API socket? The known places, and any file named like one (a socket
 * bound from a project folder or a rootless runtime directory is the same API). `source` may hold unknown
 * variables (`${XDG_RUNTIME_DIR}/docker.sock`): only the file name is judged then.
 */
export function isEngineSocket(source: string): boolean {
  const p = normPath(source).replace(/^\$\{?HOME\}?/, '~');
  return SOCKETS.some((r) => r.test(p)) || SOCKET_NAME.test(p);
}

/** `tcp://host:2375`, or tcp:// with no port (2375 is the default without TLS). */
export function plainTcpHost(url: string): boolean {
  const m = /^tcp:\/\/(\[[^\]]*\]|[^:/]*)(?::(\d+))?/i.exec(url.trim());
  return !!m && (m[2] === undefined || m[2] === '2375');
}

/** The host name of a `tcp://host:port` URL (undefined for an address or no URL). */
export function tcpHostName(url: string): string | undefined {
  const m = /^tcp:\/\/([A-Za-z0-9_][A-Za-z0-9_.-]*)(?::\d+)?\/?$/i.exec(url.trim());
  return m && !/^\d+(\.\d+){3}$/.test(m[1]) ? m[1] : undefined;
}

/** `dockerd -H tcp://...` / `--host=tcp://...` without `--tlsverify` in a command line. */
export function daemonOnPlainTcp(cmd: string): boolean {
  if (!/\b(dockerd|docker\s+daemon)\b/.test(cmd) && !/(^|\s)(-H|--host)(=|\s+)tcp:\/\//.test(cmd)) return false;
  if (!/(^|\s)(-H|--host)(=|\s+)["']?tcp:\/\//.test(cmd)) return false;
  return !/--tlsverify\b/.test(cmd);
}
