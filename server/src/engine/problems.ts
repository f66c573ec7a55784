// Problems with the input or the analysis itself (not rule findings), as every front end reports them.
import type { ParseProblem, Range } from './types';

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The analysis of a file failed outside any rule: an error, so that the CLI's run is not trusted. */
export function internalErrorProblem(file: string, e: unknown): ParseProblem {
  const why = e instanceof Error ? e.message : String(e);
  return {
    file,
    message: `Internal error: the analysis of this file failed (${why})`,
    range: ZERO_RANGE,
    severity: 'error',
  };
}

/** The file was read with invalid UTF-8 replaced by U+FFFD; the rest was analysed. */
export function invalidUtf8Problem(file: string, encoding = 'UTF-8'): ParseProblem {
  return {
    file,
    message: `The file is not valid ${encoding}: the invalid bytes were read as U+FFFD and the rest was analysed`,
    range: ZERO_RANGE,
    severity: 'warning',
  };
}

/** A file decoded from UTF-16 or UTF-32 (its byte-order mark says so). */
export function wideEncodingProblem(file: string, encoding: string): ParseProblem {
  return {
    file,
    message: `The file is ${encoding} (its byte-order mark says so): decoded and analysed; fixes are not written back`,
    range: ZERO_RANGE,
    severity: 'info',
  };
}
