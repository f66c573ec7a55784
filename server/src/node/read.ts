// Reading files from a repository nobody has reviewed yet. Every file the tools read (linted files, `extends`,
// `include` and override targets, `.env`, config files) comes through here:
// - only regular files: a FIFO would block forever, a device (`/dev/zero`) or procfs file (`/proc/self/pagemap`,
//   size 0) would be read without end. The type is checked with fstat on the opened descriptor (a prior stat could
//   be raced), opened non-blocking so that opening a FIFO cannot hang;
// - with a byte bound enforced while reading, never trusted from the size the file system reports;
// - decoded as UTF-8 with replacement characters for invalid bytes (the rest is still linted: skipping such a
//   file would let one stray byte bypass a CI gate), keeping a byte-order mark so that a fix can write it back.
import * as fs from 'node:fs';
import { decode, type ReadError, type ReadResult } from '../shared/read';

export { decode, type ReadError, type ReadOk, type ReadResult } from '../shared/read';

const CHUNK = 64 * 1024;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOCTTY = fs.constants.O_NOCTTY ?? 0;

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Reads at most `maxBytes` bytes of a regular file; a larger file, or anything but a regular file, is refused. */
export function readBytes(file: string, maxBytes: number): { bytes: Buffer } | ReadError {
  let fd: number;
  try {
    // a cheap look first, so that devices are not even opened (opening some has side effects)
    // a missing file is the common case for the files a lint looks for (`.env`, override files): answered
    // without an exception, which costs more than the look itself
    const pre = fs.statSync(file, { throwIfNoEntry: false });
    if (!pre) return { error: 'no such file', reason: 'missing' };
    if (!pre.isFile()) return { error: `${kindOf(pre)}; not read`, reason: 'skipped' };
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK | O_NOCTTY);
  } catch (e) {
    return errorOf(e);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { error: `${kindOf(st)}; not read`, reason: 'skipped' };
    // the reported size only sizes the first buffer (one byte more, so that the end is seen without another
    // buffer); what is read decides, and the bound holds however wrong the size is
    const chunks: Buffer[] = [];
    let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, 1024)));
    let used = 0;
    let total = 0;
    for (;;) {
      if (used === buf.length) {
        chunks.push(buf);
        buf = Buffer.allocUnsafe(CHUNK);
        used = 0;
      }
      const n = fs.readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) break;
      used += n;
      total += n;
      if (total > maxBytes)
        return { error: `larger than ${maxBytes} bytes (maxFileSize); not analysed`, reason: 'skipped' };
    }
    if (!chunks.length) return { bytes: buf.subarray(0, used) };
    chunks.push(buf.subarray(0, used));
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return errorOf(e);
  } finally {
    fs.closeSync(fd);
  }
}

export function errorOf(e: unknown): ReadError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { error: 'no such file', reason: 'missing' };
    case 'EACCES':
    case 'EPERM':
      return { error: 'permission denied', reason: 'skipped' };
    case 'ELOOP':
      return { error: 'symlink loop', reason: 'skipped' };
    case 'EISDIR':
      return { error: 'a directory; not read', reason: 'skipped' };
    case 'EAGAIN':
      return { error: 'not ready for reading (a FIFO or device?); not read', reason: 'skipped' };
    default:
      return { error: `cannot read (${code ?? 'error'})`, reason: 'skipped' };
  }
}

/**
 * The first `n` bytes of a regular file, decoded (with the same care as readBytes: nothing but a regular file is
 * opened or read); undefined when it cannot be read.
 */
export function readHead(file: string, n: number): string | undefined {
  let fd: number;
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK | O_NOCTTY);
  } catch {
    return undefined;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.allocUnsafe(n); // only the bytes read are used
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got).toString('utf8');
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads and decodes a text file within `maxBytes` (see readBytes and decode). */
export function readText(file: string, maxBytes: number): ReadResult {
  const r = readBytes(file, maxBytes);
  return 'bytes' in r ? decode(r.bytes) : r;
}

/** Standard input, to its end (a pipe, a file, a terminal), or undefined past `maxBytes`. */
export function readStdin(maxBytes: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(CHUNK);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buf, 0, CHUNK, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // a non-blocking pipe with nothing yet: wait a little (without spinning) and read again
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) return undefined;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}
