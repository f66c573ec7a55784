// npm run recall -- <folder>...: how many of the risky command lines of real scripts we report. A figure, not a
// pass/fail: lints the folders with the built CLI (strict, so Markdown counts too) and, in every file it read as
// command lines, takes each line (not a comment) that writes a host grant a reviewer would flag: --privileged, a
// host namespace, the Docker socket, a dangerous capability, an unconfined profile, a device, the host's root, a
// build entitlement, a plugin's every permission. A line is found when a finding or its related information is on
// it. Prints recall per folder and every line missed, for a person to judge (help texts and `echo`ed examples are
// misses the pattern cannot tell apart: say which in the figures you quote).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = process.env.RECALL_CLI ?? join(root, 'dist', 'cli.js');
const folders = process.argv.slice(2);
if (!folders.length) {
  console.error('usage: npm run recall -- <folder>...  (real repositories holding scripts, Makefiles, workflows)');
  process.exit(2);
}

const CAPS =
  'ALL|SYS_ADMIN|NET_ADMIN|SYS_PTRACE|SYS_MODULE|SYS_RAWIO|SYS_TIME|SYSLOG|MAC_ADMIN|MAC_OVERRIDE|DAC_READ_SEARCH';
const RISKY = new RegExp(
  [
    String.raw`--privileged\b(?!=false)`,
    String.raw`--(net|network|pid|ipc|uts|userns)[= ]['"]?host\b`,
    String.raw`docker\.sock['"]?:|(src|source)=[^ ,]*docker\.sock\b`,
    String.raw`--cap-add[= ]['"]?(CAP_)?(${CAPS})\b`,
    String.raw`--security-opt[= ]['"]?(seccomp|apparmor)[=:]unconfined`,
    String.raw`--device[= ]['"]?/dev/`,
    String.raw`(-v|--volume)[= ]['"]?/:/`,
    String.raw`--allow[= ]['"]?(security\.insecure|network\.host)`,
    String.raw`--allow-insecure-entitlement`,
    String.raw`--grant-all-permissions`,
  ].join('|'),
);
const COMMENT = /^\s*(#|\/\/)/;
/** A line that prints or describes rather than runs: its first word prints, or it is a `remediation=`-like text. */
const PROSE =
  /^\s*(echo|printf|info|warn|error|log|die|fatal|INFO|WARN|ERROR)\b|^\s*(local\s+)?\w*(remediation|message|msg|help|usage|desc)\w*=/i;
const FENCE = /^\s*(```|~~~)\s*([\w-]*)/;
/** The languages of the Markdown blocks that hold command lines (none named: the reader looks). */
const SHELL_BLOCK = /^(|sh|bash|shell|console|shell-session|zsh|text)$/i;

/** The CLI's JSON report (it exits 1 when it finds something: the report is there all the same). */
function lint(folder) {
  try {
    return execFileSync(process.execPath, [cli, '--format', 'json', '--profile', 'strict', folder], {
      maxBuffer: 1 << 30,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (e) {
    if (e.status === 1 && e.stdout) return e.stdout;
    throw e;
  }
}

let total = 0;
let found = 0;
const misses = [];
for (const folder of folders) {
  const report = JSON.parse(lint(folder));
  const lines = new Map(); // file -> Set of 1-based lines with a finding or related information
  const mark = (file, line) => {
    if (!lines.has(file)) lines.set(file, new Set());
    lines.get(file).add(line);
  };
  for (const f of report.findings) {
    mark(f.file, f.line);
    for (const r of f.related ?? []) mark(r.file ?? f.file, r.line);
  }
  let t = 0;
  let n = 0;
  for (const file of report.files) {
    if (file.kind !== 'run') continue;
    const text = readFileSync(file.path, 'utf8').split(/\r?\n/);
    const markdown = /\.(md|markdown)$/i.test(file.path);
    let open = false; // inside a fenced block
    let fenced = false; // inside a fenced block of command lines
    text.forEach((line, i) => {
      const fence = markdown ? FENCE.exec(line) : null;
      if (fence) {
        open = !open;
        fenced = open && SHELL_BLOCK.test(fence[2]);
        return;
      }
      // Markdown: only what its command blocks show (prose names flags to explain them; YAML blocks are not ours)
      if ((markdown && !fenced) || COMMENT.test(line) || PROSE.test(line) || !RISKY.test(line)) return;
      t++;
      if (lines.get(file.path)?.has(i + 1)) n++;
      else misses.push(`${relative(process.cwd(), file.path)}:${i + 1}: ${line.trim().slice(0, 140)}`);
    });
  }
  total += t;
  found += n;
  console.log(`${folder}: ${n} of ${t} risky lines reported${t ? ` (${((100 * n) / t).toFixed(0)}%)` : ''}`);
}
console.log(`\nall: ${found} of ${total} (${total ? ((100 * found) / total).toFixed(1) : '-'}%)`);
if (misses.length)
  console.log(`\nmissed (judge each: a grant, or text the pattern cannot tell apart):\n${misses.join('\n')}`);
