// The report in the formats other tools read: Checkstyle XML (Jenkins, reviewdog), JUnit XML (CI test reports),
// GitLab Code Quality JSON, and GitHub Actions workflow commands (annotations). Each lists the findings and the
// file problems (a file not read completely is an error, never silence); paths are relative to the repository's
// top folder where the consumer resolves them against the checkout (GitLab, GitHub), as the report shows them
// otherwise.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { relativeSlashed, type Finding, type Severity } from '../engine';
import { isInside } from '../node/files';
import { fingerprint, TOOL_NAME, type Report } from './format';

/** One entry of any of these formats: a finding, a file's problem, or a file not analysed. */
interface Entry {
  file: string;
  /** Where the file is for consumers that resolve paths against the checkout. */
  fromTop: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  check: string;
  message: string;
  finding?: Finding;
  lineText?: string;
}

/** Every entry of a report, in its order (files as reported, findings in file order). */
function entries(r: Report, top: string | undefined, cwd: string): Entry[] {
  const fromTop = (display: string) => {
    const abs = path.resolve(cwd, display);
    return top !== undefined && isInside(abs, top) ? relativeSlashed(top, abs) : display.split(path.sep).join('/');
  };
  const out: Entry[] = [];
  for (const { display, result, text } of r.results) {
    const lines = text?.split(/\r?\n/);
    const at = fromTop(display);
    for (const p of result.problems)
      out.push({
        file: display,
        fromTop: at,
        line: p.range.start.line + 1,
        column: p.range.start.character + 1,
        severity: p.severity,
        check: `${TOOL_NAME}/problem`,
        message: p.message,
      });
    for (const f of result.findings)
      out.push({
        file: display,
        fromTop: at,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        severity: f.severity,
        check: f.ruleId,
        message: f.message,
        finding: f,
        lineText: lines?.[f.range.start.line],
      });
  }
  for (const e of r.errors)
    out.push({
      file: e.display,
      fromTop: fromTop(e.display),
      line: 1,
      column: 1,
      severity: e.counts ? (e.level ?? 'error') : 'warning',
      check: `${TOOL_NAME}/not-analysed`,
      message: e.message,
    });
  return out;
}

/** The entries by file, every file of the report (those without entries too) in its order. */
function entriesByFile(r: Report, top: string | undefined, cwd: string): Map<string, Entry[]> {
  const byFile = new Map<string, Entry[]>();
  for (const res of r.results) byFile.set(res.display, []);
  for (const e of entries(r, top, cwd)) (byFile.get(e.file) ?? byFile.set(e.file, []).get(e.file)!).push(e);
  return byFile;
}

/**
 * Text as XML 1.0 character data or an attribute value: the five special characters escaped, and characters
 * XML cannot hold at all (controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF) as U+FFFD, so that
 * a file name or message from a repository can never make the document unreadable.
 */
export function xml(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    const bad = (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe;
    if (bad) out += '\uFFFD';
    else if (c === 0x26) out += '&amp;';
    else if (c === 0x3c) out += '&lt;';
    else if (c === 0x3e) out += '&gt;';
    else if (c === 0x22) out += '&quot;';
    else if (c === 0x27) out += '&apos;';
    else if (c === 0xa || c === 0xd || c === 0x9) out += `&#${c};`;
    else out += s[i];
  }
  return out;
}

const CHECKSTYLE_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  hint: 'info',
};

/** Checkstyle XML: a `<file>` per file (those without findings too), an `<error>` per entry. */
export function formatCheckstyle(r: Report, top: string | undefined, cwd: string): string {
  const byFile = entriesByFile(r, top, cwd);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const [file, list] of byFile) {
    out.push(`  <file name="${xml(file)}">`);
    for (const e of list)
      out.push(
        `    <error line="${e.line}" column="${e.column}" severity="${CHECKSTYLE_SEVERITY[e.severity]}" ` +
          `message="${xml(e.message)}" source="${xml(`${TOOL_NAME}.${e.check}`)}"/>`,
      );
    out.push('  </file>');
  }
  out.push('</checkstyle>', '');
  return out.join('\n');
}

/**
 * JUnit XML: a test suite per file; a test case per entry, failed (its type the severity); a file with none is one
 * passing case, so the report lists every file checked.
 */
export function formatJunit(r: Report, top: string | undefined, cwd: string): string {
  const byFile = entriesByFile(r, top, cwd);
  let failures = 0;
  let tests = 0;
  const suites: string[] = [];
  for (const [file, list] of byFile) {
    const cases = list.length
      ? list.map(
          (e) =>
            `    <testcase classname="${xml(file)}" name="${xml(`${e.check} at ${e.line}:${e.column}`)}" time="0">\n` +
            `      <failure type="${e.severity}" message="${xml(e.message)}">${xml(
              `${file}:${e.line}:${e.column} ${e.severity} ${e.check} ${e.message}`,
            )}</failure>\n    </testcase>`,
        )
      : [`    <testcase classname="${xml(file)}" name="no findings" time="0"/>`];
    tests += cases.length;
    failures += list.length;
    suites.push(
      `  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${list.length}" errors="0" skipped="0" ` +
        `time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

/**
 * GitLab Code Quality (a JSON array): description, check_name, a fingerprint unique in the report and stable across
 * unrelated edits (rule, file, line text, occurrence), severity, and the location relative to the project.
 */
export function formatGitlab(r: Report, top: string | undefined, cwd: string): string {
  const seen = new Map<string, number>();
  const issues = entries(r, top, cwd).map((e) => {
    const base = e.finding ? fingerprint(e.finding, e.lineText ?? '', 0) : `${e.check}\0${e.message}`;
    const key = `${e.fromTop}\0${base}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      description: e.message,
      check_name: e.check,
      fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
      severity: GITLAB_SEVERITY[e.severity],
      location: { path: e.fromTop, lines: { begin: e.line } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A workflow command's message: `%`, CR and LF escaped (GitHub's runner reads them back). */
export function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`, which separate properties. */
export function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one `::error|warning|notice file=...::message` line per entry. */
export function formatGithub(r: Report, top: string | undefined, cwd: string): string {
  return entries(r, top, cwd)
    .map((e) => {
      const props = [
        `file=${githubProperty(e.fromTop)}`,
        `line=${e.line}`,
        `col=${e.column}`,
        // GitHub takes an end column only on the start line
        ...(e.endLine ? [`endLine=${e.endLine}`, ...(e.endLine === e.line ? [`endColumn=${e.endColumn}`] : [])] : []),
        `title=${githubProperty(`${TOOL_NAME}: ${e.check}`)}`,
      ];
      return `::${GITHUB_COMMAND[e.severity]} ${props.join(',')}::${githubData(e.message)}\n`;
    })
    .join('');
}
