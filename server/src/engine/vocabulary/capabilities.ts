// Linux capabilities as Docker names them.

/**
 * Docker's default capability set (moby's defaults), less SETPCAP: adding one of these changes nothing. SETPCAP is
 * a default too, but an explicit `cap_add: [SETPCAP]` is flagged: it lets a process grant itself capabilities from
 * its bounding set.
 */
export const DEFAULT_CAPS = new Set([
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
]);

/** `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` are one capability. */
export function normCap(c: string): string {
  return c.trim().toUpperCase().replace(/^CAP_/, '');
}
