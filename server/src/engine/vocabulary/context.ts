// Files that must not reach an image through `COPY . .`: credentials and history a build context often holds.

export interface SensitiveEntry {
  /** What it is, for a message. */
  what: string;
  /** The `.dockerignore` pattern that keeps it (and its kind) out, anywhere in the context. */
  pattern: string;
}

const ENV_EXAMPLES = /^\.env\.(example|sample|template|dist|defaults?|schema)$/i;
const PRIVATE_KEY = /^id_(rsa|dsa|ecdsa|ed25519)(_[A-Za-z0-9_-]*)?$/;

/** Is this file (by name) one that must not be copied into an image? */
export function sensitiveFile(name: string): SensitiveEntry | undefined {
  if (name === '.env') return { what: 'environment file', pattern: '**/.env' };
  if (/^\.env\..+/.test(name) && !ENV_EXAMPLES.test(name)) return { what: 'environment file', pattern: '**/.env.*' };
  if (/\.pem$/i.test(name)) return { what: 'PEM key or certificate', pattern: '**/*.pem' };
  if (/\.key$/i.test(name)) return { what: 'private key', pattern: '**/*.key' };
  if (/\.(p12|pfx)$/i.test(name)) return { what: 'key store', pattern: `**/*.${name.slice(-3).toLowerCase()}` };
  const key = PRIVATE_KEY.exec(name);
  if (key) return { what: 'SSH private key', pattern: `**/id_${key[1]}*` };
  if (name === '.npmrc') return { what: 'npm credentials', pattern: '**/.npmrc' };
  if (name === '.pypirc') return { what: 'PyPI credentials', pattern: '**/.pypirc' };
  if (name === '.netrc') return { what: 'netrc credentials', pattern: '**/.netrc' };
  if (name === '.git-credentials') return { what: 'Git credentials', pattern: '**/.git-credentials' };
  return undefined;
}

/** Is this folder (by name) one that must not be copied into an image? */
export function sensitiveDir(name: string): SensitiveEntry | undefined {
  if (name === '.git') return { what: 'Git history', pattern: '.git' };
  if (name === '.aws') return { what: 'AWS credentials', pattern: '**/.aws' };
  if (name === '.ssh') return { what: 'SSH keys', pattern: '**/.ssh' };
  return undefined;
}

/** Folders not searched for sensitive files (their contents are dependencies, not the project's credentials). */
export const UNSEARCHED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', '.venv', '__pycache__']);
