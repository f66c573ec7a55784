// Build sources: which ADD sources are fetched from the network, and which programs download in RUN.

/** An http(s), git or ssh URL, or a git remote (`git@host:repo`). */
export function isRemote(src: string): boolean {
  return (
    /^(https?|git|ssh):\/\//i.test(src) ||
    /^git@[^:]+:/.test(src) ||
    ((/\.git$/i.test(src) || /\.git#/i.test(src)) && /^[a-z]+:\/\//i.test(src))
  );
}

/** Programs that download a URL (curl, wget, BSD fetch, aria2c): by a command's base name. */
export const DOWNLOADER = /^(curl|wget|fetch|aria2c)$/;

/** Programs that run a script they are given on standard input (shells and script interpreters). */
export const INTERPRETER = /^(sh|bash|zsh|dash|ksh|ash|fish|python\d*(\.\d+)?|perl|ruby|node|php|pwsh|powershell)$/;
