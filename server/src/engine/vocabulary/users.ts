// Who a container runs as.

/** `root`, `0`, `root:<group>`, `0:<gid>` (the user part decides). */
export function isRootUser(spec: string): boolean {
  const user = spec.trim().split(':')[0].trim();
  return user === 'root' || user === '0';
}
