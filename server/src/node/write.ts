// Writing files (`--fix`, `-o`) so that nothing can be lost, redirected or weakened:
// - through a temporary file in the target's folder with an unpredictable name, created exclusively and without
//   following links (O_EXCL | O_NOFOLLOW), so that a link planted by another user cannot redirect the write;
// - flushed, then renamed over the target: a reader (or a crash, or SIGKILL) sees the old file or the new one;
// - keeping the target's mode (setuid/setgid/sticky bits too) and, where permitted, its owner and group;
// - a file with several hard links is rewritten in place (renaming would break the links), after a backup copy
//   of its old content that is removed once the new content is on disk;
// - a read-only file (no write bit for anyone) is refused, not rewritten;
// - `expected`: the bytes the caller read; when the file no longer holds them (someone edited it meanwhile), the
//   write is refused rather than losing their change.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export class WriteRefused extends Error {}

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

function tempName(file: string, what: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(9).toString('hex')}.${what}`);
}

function createExclusive(file: string, what: string): { fd: number; name: string } {
  for (let attempt = 0; ; attempt++) {
    const name = tempName(file, what);
    try {
      const fd = fs.openSync(
        name,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW,
        0o600,
      );
      return { fd, name };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue; // a name collision (or a planted file): another name
      throw e;
    }
  }
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
}

export interface WriteOptions {
  /** The bytes the file held when it was read: refuse the write if it holds anything else now. */
  expected?: Buffer;
}

/** Writes `data` to `file` (a regular file or a new name) as described above. */
export function writeFileSafely(file: string, data: string | Buffer, opts: WriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let st: fs.Stats | undefined;
  try {
    st = fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (st && !st.isFile() && !st.isSymbolicLink()) throw new WriteRefused('not a regular file; not written');
  if (st?.isFile()) {
    if ((st.mode & 0o222) === 0) throw new WriteRefused('the file is read-only; not written');
    if (opts.expected && !sameContent(file, opts.expected))
      throw new WriteRefused('the file changed while it was being fixed; not written');
    if (st.nlink > 1) {
      writeInPlace(file, bytes, st);
      return;
    }
  }
  const { fd, name } = createExclusive(file, 'tmp');
  try {
    writeAll(fd, bytes);
    if (st?.isFile()) {
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        /* not permitted for this user: the file becomes theirs, as any edit would make it */
      }
      fs.fchmodSync(fd, st.mode & 0o7777); // after chown, which clears setuid/setgid bits
    } else {
      fs.fchmodSync(fd, 0o666 & ~process.umask());
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(name, file);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    try {
      fs.unlinkSync(name);
    } catch {
      /* already renamed or gone */
    }
    throw e;
  }
}

function sameContent(file: string, expected: Buffer): boolean {
  try {
    return readNoFollow(file).equals(expected);
  } catch {
    return false; // it cannot be read back (gone, replaced by a link): not the content the caller read
  }
}

function readNoFollow(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** For a file with several hard links: back up, rewrite in place, flush, drop the backup. */
function writeInPlace(file: string, bytes: Buffer, st: fs.Stats): void {
  const old = readNoFollow(file);
  const backup = createExclusive(file, 'bak');
  try {
    writeAll(backup.fd, old);
    fs.fsyncSync(backup.fd);
  } finally {
    fs.closeSync(backup.fd);
  }
  const fd = fs.openSync(file, fs.constants.O_WRONLY | O_NOFOLLOW);
  try {
    const now = fs.fstatSync(fd);
    if (now.ino !== st.ino || now.dev !== st.dev)
      throw new WriteRefused('the file was replaced while it was being fixed; not written');
    writeAll(fd, bytes);
    fs.ftruncateSync(fd, bytes.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.unlinkSync(backup.name);
}
