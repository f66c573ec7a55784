// Host paths as mounts name them.

/** Normalises a host path: `\\` as `/`, `~` kept, trailing slashes and `//` folded, `/./` removed. */
export function normPath(p: string): string {
  let s = p
    .replace(/\\/g, '/')
    .replace(/\/+/g, '/')
    .replace(/\/\.(?=\/|$)/g, '');
  if (s.length > 1) s = s.replace(/\/$/, '');
  return s || '/';
}
