// Glob matching for exclude patterns (config file, settings, files.exclude), in time proportional to
// pattern length x path length whatever the pattern: it simulates the pattern as a set of positions instead of
// compiling it to a backtracking regular expression (`*a*a*a*...b` against a long name took exponential time).
//
// Syntax: `**` any characters including '/', `**/` any leading folders (or none), `*` any characters but '/',
// `?` one character but '/'; everything else is literal. A pattern that matches a folder also matches everything
// below it (`legacy` excludes `legacy/compose.yaml`).

const enum T {
  Lit,
  One,
  Star,
  Any,
  AnyDirs,
}
interface Tok {
  t: T;
  c?: string;
}

export interface GlobMatcher {
  readonly glob: string;
  test(path: string): boolean;
}

function tokenize(glob: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out.push({ t: T.AnyDirs });
        } else out.push({ t: T.Any });
      } else if (out[out.length - 1]?.t !== T.Star) out.push({ t: T.Star }); // `**` handled above; `*` runs fold
    } else if (c === '?') out.push({ t: T.One });
    else out.push({ t: T.Lit, c });
  }
  return out;
}

export function compileGlob(glob: string): GlobMatcher {
  const toks = tokenize(glob);
  const n = toks.length;
  /** Adds `pos` and every position reachable from it without consuming a character. */
  const close = (set: Uint8Array, list: number[], pos: number) => {
    while (pos <= n && !set[pos]) {
      set[pos] = 1;
      list.push(pos);
      const t = toks[pos]?.t;
      if (t === T.Star || t === T.Any || t === T.AnyDirs) pos++;
      else break;
    }
  };
  return {
    glob,
    test(path: string): boolean {
      // `set`: positions reached (a `**/` position there may still be skipped); `inDirs`: `**/` tokens that have
      // consumed characters and must now end with a '/' (they can no longer be skipped)
      let set = new Uint8Array(n + 1);
      let list: number[] = [];
      let inDirs: number[] = [];
      close(set, list, 0);
      for (let i = 0; i < path.length; i++) {
        const ch = path[i];
        if (ch === '/' && set[n]) return true; // the pattern matched a folder: everything below it matches
        const next = new Uint8Array(n + 1);
        const nextList: number[] = [];
        const nextIn = new Uint8Array(n + 1);
        const nextInList: number[] = [];
        const stayIn = (pos: number) => {
          if (!nextIn[pos]) {
            nextIn[pos] = 1;
            nextInList.push(pos);
          }
          if (ch === '/') close(next, nextList, pos + 1);
        };
        for (const pos of list) {
          const tok = toks[pos];
          if (!tok) continue;
          switch (tok.t) {
            case T.Lit:
              if (tok.c === ch) close(next, nextList, pos + 1);
              break;
            case T.One:
              if (ch !== '/') close(next, nextList, pos + 1);
              break;
            case T.Star:
              if (ch !== '/') close(next, nextList, pos);
              break;
            case T.Any:
              close(next, nextList, pos);
              break;
            case T.AnyDirs:
              stayIn(pos);
              break;
          }
        }
        for (const pos of inDirs) stayIn(pos);
        if (!nextList.length && !nextInList.length) return false;
        set = next;
        list = nextList;
        inDirs = nextInList;
      }
      return set[n] === 1;
    },
  };
}

export function matchesAny(matchers: readonly GlobMatcher[], path: string): boolean {
  for (const m of matchers) if (m.test(path)) return true;
  return false;
}
