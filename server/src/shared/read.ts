// What a bounded read gives (the node host reads files itself; the web host asks the editor, which reads them
// through its file system): the text decoded as UTF-8, or why it was not read. Pure, shared by both.

export interface ReadOk {
  text: string;
  /** The file started with a UTF-8 byte-order mark (not part of `text`). */
  bom: boolean;
  /** Some bytes were not valid UTF-8 and were replaced with U+FFFD. */
  invalidUtf8: boolean;
  /** The editor's file system reports it as a symbolic link (the web client; the disk is checked otherwise). */
  link?: boolean;
}
export interface ReadError {
  error: string;
  /** `missing`: the file does not exist (or vanished); `skipped`: it exists but is not read (type, size, access). */
  reason: 'missing' | 'skipped';
}
export type ReadResult = ReadOk | ReadError;

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes UTF-8; invalid sequences become U+FFFD (and are reported), a leading BOM is taken off and remembered. */
export function decode(bytes: Uint8Array): ReadOk {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: strict.decode(body), bom, invalidUtf8: false };
  } catch {
    // the strict decoder throws on the first invalid sequence: decode again, replacing them
    return { text: lenient.decode(body), bom, invalidUtf8: true };
  }
}
