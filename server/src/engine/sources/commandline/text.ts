// Pieces of a file's text as one Mapped text (a Makefile's recipes, Markdown's code blocks, YAML scalars).
import type { Mapped } from '../../model/shell/parse';
import type { LineIndex } from '../../text';

/** Builds a Mapped from pieces of the file. */
export class Builder {
  private chunks: string[] = [];
  readonly offsets: number[] = [];
  constructor(private readonly text: string) {}
  /** The file's text from `from` to `to`. */
  take(from: number, to: number): void {
    this.chunks.push(this.text.slice(from, to));
    for (let i = from; i < to; i++) this.offsets.push(i);
  }
  /** The file's text from `from` to `to`, as a line of its own. */
  line(from: number, to: number): void {
    this.take(from, to);
    this.put('\n', to);
  }
  /** A character that the file does not hold there (a newline between pieces, a space for a fold). */
  put(ch: string, at: number): void {
    this.chunks.push(ch);
    this.offsets.push(at);
  }
  done(end: number): Mapped {
    this.offsets.push(end);
    return { text: this.chunks.join(''), offsets: this.offsets };
  }
}

/** The lines of the indexed text: [start, end) without the line break. */
export function* lines(index: LineIndex): Generator<[number, number]> {
  for (let l = 0; l < index.lineCount; l++) yield [index.starts[l], index.lineEnd(l)];
}
