// What a bounded read gives (the node host reads files itself; the web host asks the editor, which reads them
// through its file system): the text decoded as UTF-8, or why it was not read. Pure, shared by both.

export interface ReadOk {
  text: string;
  /** The file started with a UTF-8 byte-order mark (not part of `text`). */
  bom: boolean;
  /** Some bytes were not valid UTF-8 and were replaced with U+FFFD. */
  invalidUtf8: boolean;
  /** Not UTF-8: the encoding its byte-order mark names (decoded from it; a fix is never written back). */
  encoding?: 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';
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

/**
 * Decodes UTF-8; invalid sequences become U+FFFD (and are reported), a leading BOM is taken off and remembered. A
 * UTF-16 or UTF-32 byte-order mark decodes the file from that encoding (YAML and JSON readers accept those), so that
 * a file saved as UTF-16 is read as its readers read it instead of as binary noise.
 */
export function decode(bytes: Uint8Array): ReadOk {
  const wide = wideEncoding(bytes);
  if (wide) return decodeWide(bytes, wide);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: strict.decode(body), bom, invalidUtf8: false };
  } catch {
    // the strict decoder throws on the first invalid sequence: decode again, replacing them
    return { text: lenient.decode(body), bom, invalidUtf8: true };
  }
}

function wideEncoding(b: Uint8Array): ReadOk['encoding'] {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32LE';
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32BE';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  return undefined;
}

/** A UTF-16 or UTF-32 text after its byte-order mark; invalid units (lone surrogates, a cut unit) become U+FFFD. */
function decodeWide(bytes: Uint8Array, encoding: NonNullable<ReadOk['encoding']>): ReadOk {
  if (encoding === 'UTF-16LE' || encoding === 'UTF-16BE') {
    const label = encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(2);
    let invalidUtf8 = body.length % 2 !== 0;
    let text: string;
    try {
      text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      invalidUtf8 = true;
      text = new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(body);
    }
    return { text, bom: false, invalidUtf8, encoding };
  }
  const le = encoding === 'UTF-32LE';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let invalidUtf8 = bytes.length % 4 !== 0;
  for (let i = 4; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, le);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      invalidUtf8 = true;
      parts.push('\ufffd');
    } else parts.push(String.fromCodePoint(cp));
  }
  return { text: parts.join(''), bom: false, invalidUtf8, encoding };
}
