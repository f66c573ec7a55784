// Applying safe fixes: repeatedly lint, take non-overlapping safe edits, apply, until nothing changes.
import { lint, type LintOptions } from '../lint';
import { applyEdits, pushAll } from '../text';
import { isSafe, type LintResult, type TextEdit } from '../types';

export interface FixAllResult {
  text: string;
  applied: number;
  result: LintResult;
  refused?: string;
}

function errorCount(r: LintResult): number {
  return r.problems.filter((p) => p.severity === 'error').length;
}

/** Non-overlapping edits of the safe fixes of a lint result (first fix wins on overlap). */
export function safeEdits(r: LintResult): TextEdit[] {
  const picked: TextEdit[] = [];
  for (const f of r.findings) {
    const fix = f.fixes?.find(isSafe);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) =>
      picked.some(
        (p) => (e.start < p.end && p.start < e.end) || (e.start === e.end && p.start === p.end && e.start === p.start),
      ),
    );
    if (!overlaps) pushAll(picked, fix.edits);
  }
  return picked;
}

/** `first`: the caller's lint result for this very text and these options, to save linting it again. */
export function fixAll(file: string, text: string, opts: LintOptions = {}, first?: LintResult): FixAllResult {
  let cur = text;
  let result = first ?? lint(file, cur, opts);
  const baseErrors = errorCount(result);
  let applied = 0;
  for (let pass = 0; pass < 10; pass++) {
    const edits = safeEdits(result);
    if (!edits.length) break;
    const next = applyEdits(cur, edits);
    if (next === cur) break;
    const nextResult = lint(file, next, opts);
    if (errorCount(nextResult) > baseErrors)
      return { text: cur, applied, result, refused: 'a fix would have made the file invalid; stopped before it' };
    applied += edits.length;
    cur = next;
    result = nextResult;
  }
  return { text: cur, applied, result };
}
