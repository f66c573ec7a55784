// Build sources: which ADD sources are fetched from the network.

/** An http(s), git or ssh URL, or a git remote (`git@host:repo`). */
export function isRemote(src: string): boolean {
  return (
    /^(https?|git|ssh):\/\//i.test(src) ||
    /^git@[^:]+:/.test(src) ||
    ((/\.git$/i.test(src) || /\.git#/i.test(src)) && /^[a-z]+:\/\//i.test(src))
  );
}
