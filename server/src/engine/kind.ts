// What kind of file a text is (the sources decide, in the order of their table: sources/index.ts), and which text is
// not linted at all.

/**
 * A text that is not linted: too large. Returns the reason, or undefined. (Content never makes a file skipped: a
 * NUL byte or invalid UTF-8 in a Dockerfile would otherwise let it past a CI gate; such text is linted as it is.)
 */
export function skipReason(text: string, maxSize: number): string | undefined {
  if (text.length > maxSize) return `the file is larger than ${maxSize} bytes (maxFileSize); it was not analysed`;
  return undefined;
}

export { detectKind } from './sources/index';
export { isDockerfileName } from './sources/dockerfile/index';
export { isDevcontainerPath } from './sources/devcontainer/index';
