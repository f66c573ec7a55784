// Linux capabilities as Docker names them.

/** Docker's default capability set (moby's defaults): adding one of these changes nothing. */
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
