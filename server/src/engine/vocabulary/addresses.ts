// Network addresses: which host IPs mean every interface.

/** No address (the default), 0.0.0.0, or any IPv6 spelling of the unspecified address (`::`, `::0`, `::ffff:0.0.0.0`). */
export function isAllInterfaces(ip: string | undefined): boolean {
  if (ip === undefined || ip === '') return true;
  const x = ip.replace(/^\[|\]$/g, '').toLowerCase();
  return x === '0.0.0.0' || isUnspecifiedV6(x);
}

/** `::` in any spelling, or its IPv4-mapped form `::ffff:0.0.0.0` / `::ffff:0:0`. */
function isUnspecifiedV6(x: string): boolean {
  if (!x.includes(':')) return false;
  let s = x;
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (dotted) {
    if (dotted[2] !== '0.0.0.0') return false;
    s = `${dotted[1]}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const n = groups[0].length + (groups[1]?.length ?? 0);
  if (groups.some((g) => g.some((p) => !/^[0-9a-f]{1,4}$/.test(p))) || n > 8 || (halves.length === 1 && n !== 8))
    return false;
  const full = halves.length === 2 ? [...groups[0], ...new Array<string>(8 - n).fill('0'), ...groups[1]] : groups[0];
  const v = full.map((p) => parseInt(p, 16));
  return v.every(
    (g, i) => g === 0 || (i === 5 && g === 0xffff && v[6] === 0 && v[7] === 0 && v.slice(0, 5).every((z) => z === 0)),
  );
}
