// The `primaryLocationLineHash` GitHub code scanning computes for a result's first line (and checks against the
// value a SARIF file carries: a different one is warned about on every upload). Written here from its description:
// a rolling hash, base 37 and 64-bit wrapping, over the 100 characters that follow each line's start, spaces and
// tabs left out and line breaks (CR, LF, CRLF) read as LF, with an end-of-file mark (65535) and zeros past it;
// shown as unsigned hex with `:n`, n counting the lines with the same hash so far.

const WINDOW = 100;
const BASE = 37n;
const EOF = 65535;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** BASE to the power WINDOW, as a signed 64-bit value: what leaves the window is taken away at that weight. */
const OUTGOING = (() => {
  let x = 1n;
  for (let i = 0; i < WINDOW; i++) x = BigInt.asIntN(64, x * BASE);
  return x;
})();

/** Each line's hash (index 0 is the first line), for every line the text has. */
export function lineHashes(text: string): string[] {
  const out: string[] = [];
  const window = new Array<number>(WINDOW).fill(0);
  const starts = new Array<number>(WINDOW).fill(-1); // the line that starts at each slot, or -1
  const counts = new Map<string, number>();
  let hash = 0n;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCR = false;

  const emit = () => {
    const hex = BigInt.asUintN(64, hash).toString(16);
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out[starts[slot] - 1] = `${hex}:${n}`;
    starts[slot] = -1;
  };
  const push = (c: number) => {
    const leaving = window[slot];
    window[slot] = c;
    hash = BigInt.asIntN(64, BASE * hash + BigInt(c) - OUTGOING * BigInt(leaving));
    slot = (slot + 1) % WINDOW;
  };
  const read = (code: number) => {
    let c = code;
    if (c === SPACE || c === TAB || (afterCR && c === LF)) {
      afterCR = false;
      return;
    }
    afterCR = c === CR;
    if (c === CR) c = LF;
    if (starts[slot] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      starts[slot] = ++line;
    }
    if (c === LF) atLineStart = true;
    push(c);
  };

  for (let i = 0; i < text.length; i++) read(text.charCodeAt(i));
  read(EOF);
  for (let i = 0; i < WINDOW; i++) {
    if (starts[slot] !== -1) emit();
    push(0);
  }
  return out;
}
