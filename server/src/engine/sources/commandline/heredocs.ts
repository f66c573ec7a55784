// Here-documents that write the Docker daemon's configuration (`cat > /etc/docker/daemon.json <<EOF`, `sudo tee
// /etc/systemd/system/docker.service.d/override.conf <<'EOF'`): what they write is read as that file and judged by
// the daemon rules, at its place in the script. The text outside the here-document is blanked (spaces, newlines
// kept), so that the daemon model's offsets, lines and fix edits are the script's own.
import { readDaemonJson, readDockerUnit, type DaemonConfig } from '../daemon/config';

/** The most here-documents read as daemon configurations in one file. */
const MAX_HEREDOCS = 20;

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

export function heredocDaemons(file: string, text: string): DaemonConfig[] {
  if (!text.includes('<<') || !(text.includes('daemon.json') || text.includes('docker.service'))) return [];
  const out: DaemonConfig[] = [];
  let at = 0;
  while (at < text.length && out.length < MAX_HEREDOCS) {
    const eol = text.indexOf('\n', at);
    const end = eol < 0 ? text.length : eol;
    const line = text.slice(at, end);
    at = end + 1;
    const target = targetOf(line);
    const doc = target ? HEREDOC.exec(line) : null;
    if (!target || !doc) continue;
    const [, strip, , delim] = doc;
    // the body: up to the line that is the delimiter alone (tabs before it allowed with <<-)
    const bodyStart = at;
    let bodyEnd = -1;
    while (at < text.length) {
      const e = text.indexOf('\n', at);
      const lineEnd = e < 0 ? text.length : e;
      const l = text.slice(at, lineEnd).replace(/\r$/, '');
      if ((strip ? l.replace(/^\t+/, '') : l).trim() === delim) {
        bodyEnd = at;
        at = lineEnd + 1;
        break;
      }
      at = lineEnd + 1;
    }
    if (bodyEnd < 0) break; // never closed: the shell reads none of it as configuration (see ShellOptions.unclosed)
    const blanked =
      text.slice(0, bodyStart).replace(/[^\n]/g, ' ') +
      text.slice(bodyStart, bodyEnd) +
      text.slice(bodyEnd).replace(/[^\n]/g, ' ');
    const daemon = target.endsWith('.json') ? readDaemonJson(file, blanked) : readDockerUnit(file, blanked);
    if (daemon) out.push(daemon);
  }
  return out;
}

/** The file a line writes that the daemon source reads (daemon.json, docker.service, a docker.service.d drop-in). */
function targetOf(line: string): string | undefined {
  if (!line.includes('>') && !line.includes('tee')) return undefined;
  for (const raw of line.split(/[\s;|&]+/)) {
    let a = 0;
    let b = raw.length;
    while (a < b && (raw[a] === '>' || raw[a] === "'" || raw[a] === '"')) a++;
    while (b > a && (raw[b - 1] === "'" || raw[b - 1] === '"')) b--;
    const t = raw.slice(a, b);
    if (
      t.endsWith('daemon.json') ||
      t.endsWith('docker.service') ||
      (t.includes('docker.service.d/') && t.endsWith('.conf'))
    )
      return t;
  }
  return undefined;
}
