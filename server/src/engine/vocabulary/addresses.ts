// Network addresses: which host IPs mean every interface, which host ports serve the world by design.
import { lookupTable } from './lookup';

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

/**
 * Host ports whose protocol is served to the world by design: a reverse proxy's HTTP and HTTPS, a mail server's
 * SMTP, submission, IMAP and POP, DNS and DHCP (a network's), VPN and TURN endpoints, XMPP and Matrix federation. Published on every
 * interface, they are the service's purpose, not an oversight.
 */
const PUBLIC_SERVICE_PORTS = lookupTable<string>({
  '80': 'HTTP',
  '443': 'HTTPS',
  '25': 'SMTP',
  '465': 'SMTP over TLS',
  '587': 'mail submission',
  '110': 'POP3',
  '995': 'POP3 over TLS',
  '143': 'IMAP',
  '993': 'IMAP over TLS',
  '4190': 'ManageSieve',
  '53': 'DNS',
  '67': 'DHCP',
  '853': 'DNS over TLS',
  '51820': 'WireGuard',
  '1194': 'OpenVPN',
  '500': 'IPsec',
  '4500': 'IPsec NAT traversal',
  '3478': 'STUN/TURN',
  '5349': 'TURN over TLS',
  '5222': 'XMPP clients',
  '5269': 'XMPP federation',
  '8448': 'Matrix federation',
});

/** The protocol a host port serves to the world by design (`443`, `53/udp`), or undefined. */
export function publicServiceOf(published: string | undefined): string | undefined {
  const m = published === undefined ? null : /^(\d+)(?:\/(?:tcp|udp))?$/.exec(published.trim());
  return m ? PUBLIC_SERVICE_PORTS[m[1]] : undefined;
}
