// A small unified diff (common prefix/suffix trimmed, LCS on the middle), for --fix-dry-run.
export function unifiedDiff(path: string, a: string, b: string, context = 3): string {
  if (a === b) return '';
  const A = a.split(/\r?\n/),
    B = b.split(/\r?\n/);
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++;
  const a2 = A.slice(pre, A.length - suf),
    b2 = B.slice(pre, B.length - suf);
  // LCS table on the changed middle (small in practice: fixes are local)
  const n = a2.length,
    m = b2.length;
  const ops: [' ' | '-' | '+', string][] = [];
  if (n * m > 4_000_000) {
    for (const l of a2) ops.push(['-', l]);
    for (const l of b2) ops.push(['+', l]);
  } else {
    const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        dp[i][j] = a2[i] === b2[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    let i = 0,
      j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a2[i] === b2[j]) {
        ops.push([' ', a2[i]]);
        i++;
        j++;
      } else if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) {
        ops.push(['+', b2[j]]);
        j++;
      } else {
        ops.push(['-', a2[i]]);
        i++;
      }
    }
  }
  const startA = Math.max(0, pre - context);
  const before = A.slice(startA, pre).map((l) => ` ${l}`);
  const after = A.slice(A.length - suf, Math.min(A.length, A.length - suf + context)).map((l) => ` ${l}`);
  const body = [...before, ...ops.map(([o, l]) => `${o}${l}`), ...after];
  const countA = body.filter((l) => l[0] !== '+').length;
  const countB = body.filter((l) => l[0] !== '-').length;
  return (
    [`--- a/${path}`, `+++ b/${path}`, `@@ -${startA + 1},${countA} +${startA + 1},${countB} @@`, ...body].join('\n') +
    '\n'
  );
}
