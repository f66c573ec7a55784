// Image references: what their tag is, whether they are pinned, what they are for. Shared by the rules.
import { compileGlob, type GlobMatcher } from '../glob';

/** Tags that name a channel, not a version: what they point at changes whenever upstream pushes. */
const MOVING_TAGS = new Set([
  'latest',
  'stable',
  'edge',
  'nightly',
  'lts',
  'main',
  'master',
  'dev',
  'rolling',
  // distributions' rolling channels: Debian, Fedora, Ubuntu, openSUSE
  'sid',
  'unstable',
  'testing',
  'experimental',
  'rawhide',
  'devel',
  'tumbleweed',
]);

/**
 * Is this tag a moving one (`latest`, `stable`, `edge`, `nightly`, Debian's `sid`...)? Case-insensitive. A moving
 * tag with a variant suffix moves too (`stable-slim`, `sid-slim`, `lts-alpine`); one followed by numbers is a
 * build or a version (`main-3f2a1b9`, `dev-20240101`), and is not. A tag with no digit at all is a variant without
 * a version (`postgres:alpine`, `redis:bookworm`, `nextcloud:apache`), and moves.
 */
export function isMovingTag(tag: string, image?: string): boolean {
  const t = tag.toLowerCase();
  if (MOVING_TAGS.has(t)) return true;
  // a variant with no version at all (`alpine`, `bookworm`, `apache`, `fpm-alpine`): the newest release of that
  // variant, whichever it is today; a commit hash of letters only (`deadbeef`) is no variant, and a distribution's
  // release name is its version (`debian:bookworm-slim`, `ubuntu:jammy`)
  if (t && !/\d/.test(t) && !/^[0-9a-f]{7,40}$/.test(t))
    return !(image && DISTRIBUTIONS.test(imageName(image).toLowerCase()) && RELEASES.has(t.split('-')[0]));
  const dash = t.indexOf('-');
  return dash > 0 && MOVING_TAGS.has(t.slice(0, dash)) && !/\d/.test(t.slice(dash + 1));
}

/** Images of a distribution whose tags name its releases (a release name there is a version). */
const DISTRIBUTIONS = /(^|\/)(debian|ubuntu|buildpack-deps)$/;
const RELEASES = new Set([
  'jessie',
  'stretch',
  'buster',
  'bullseye',
  'bookworm',
  'trixie',
  'forky',
  'trusty',
  'xenial',
  'bionic',
  'focal',
  'jammy',
  'noble',
  'oracular',
  'plucky',
]);

/** The tag of an image reference, '' when none; undefined when pinned by digest. */
export function imageTag(ref: string): string | undefined {
  if (ref.includes('@')) return undefined;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : '';
}

/**
 * Images that exist to configure the host's kernel once and exit: binfmt handlers for emulated architectures
 * (`docker run --privileged --rm tonistiigi/binfmt --install all`). They need privileged by design.
 */
export function isHostSetupImage(ref: string): boolean {
  const bare = ref.replace(/^docker\.io\//, '');
  const cut = bare.search(/[:@]/);
  const name = cut < 0 ? bare : bare.slice(0, cut);
  return HOST_SETUP_IMAGES.has(name.toLowerCase());
}
const HOST_SETUP_IMAGES = new Set(['tonistiigi/binfmt', 'multiarch/qemu-user-static', 'aptman/qus']);

/**
 * Images whose service is SSH itself: Git forges that serve Git over SSH, SFTP servers, SSH servers. Publishing
 * their port 22 is their documented setup, not a shell into the container.
 */
export function servesSsh(ref: string): boolean {
  const name = shortImageName(ref);
  return SSH_SERVICE_IMAGES.some((x) => name === x || name.endsWith(`/${x}`));
}
const SSH_SERVICE_IMAGES = [
  'gitea/gitea',
  'gogs/gogs',
  'gitlab/gitlab-ce',
  'gitlab/gitlab-ee',
  'codeberg.org/forgejo/forgejo',
  'forgejo/forgejo',
  'charmbracelet/soft-serve',
  'gerritcodereview/gerrit',
  'onedev/server',
  'atmoz/sftp',
  'emberstack/sftp',
  'drakkan/sftpgo',
  'linuxserver/openssh-server',
  'panubo/sshd',
  'lscr.io/linuxserver/openssh-server',
];

/** The reference without its tag and digest, as written (`ghcr.io/acme/app:1@sha256:...` is `ghcr.io/acme/app`). */
export function imageName(ref: string): string {
  const at = ref.indexOf('@');
  const bare = at < 0 ? ref : ref.slice(0, at);
  const slash = bare.lastIndexOf('/');
  const colon = bare.lastIndexOf(':');
  return colon > slash ? bare.slice(0, colon) : bare;
}

/**
 * Where an image comes from, as the engine resolves the reference: `registry/path` without tag or digest, with
 * Docker Hub's defaults spelled out (`nginx` is `docker.io/library/nginx`, `org/app` is `docker.io/org/app`). The
 * first part is a registry when it has a dot or a port, or is `localhost`.
 */
export function imageSource(ref: string): string {
  const name = imageName(ref).toLowerCase();
  const first = name.split('/')[0];
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return name.replace(/^(index\.docker\.io|registry-1\.docker\.io)\//, 'docker.io/');
  return name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
}

/**
 * Is the image from one of `trusted` (registries or registry paths: `ghcr.io`, `ghcr.io/acme`, `docker.io/library`)?
 * An entry matches itself and what is below it, on a path boundary.
 */
export function isFromTrustedRegistry(ref: string, trusted: readonly string[]): boolean {
  const source = imageSource(ref);
  return trusted.some((t) => {
    let entry = t.trim().toLowerCase();
    while (entry.endsWith('/')) entry = entry.slice(0, -1);
    return !!entry && (source === entry || source.startsWith(`${entry}/`));
  });
}

/** The allow-list option of the registry rules (Dockerfile and runtime), and what their docs advise. */
export const TRUSTED_REGISTRIES = {
  option: {
    type: 'string[]',
    description:
      'Registries or registry paths images may come from (`registry.example.com`, `ghcr.io/acme`, ' +
      '`docker.io/library` for Docker official images). Empty: the rule reports nothing.',
  },
  howToFix:
    'Use the image from a trusted registry (your mirror of it), or add the registry to `trustedRegistries` once ' +
    'it is vetted.',
} as const;

/**
 * Base images that run as a non-root user by default, documented so: distroless's `nonroot` tags
 * (`gcr.io/distroless/static-debian12:nonroot`, `:debug-nonroot`) and any image whose tag says `nonroot`, and
 * Bitnami's application images (user 1001; not `bitnami/minideb`, a root base). A final stage on one of them that
 * sets no USER runs as that user.
 */
export function runsAsNonRootByDefault(ref: string): boolean {
  const bare = ref.split('@')[0];
  const tag = imageTag(bare) ?? '';
  if (/(^|[-_.])nonroot($|[-_.])/i.test(tag)) return true;
  const name = shortImageName(bare);
  return name.startsWith('bitnami/') && name !== 'bitnami/minideb';
}

/** The option of the image-pinning rules that names the project's own images (see isOwnImage). */
export const OWN_IMAGES = {
  type: 'string[]',
  description:
    "The project's own images, which it builds and publishes itself (`ghcr.io/acme/*`, `acme/api`): not judged " +
    "as unpinned third-party images. Defaults to the config's top-level `ownImages`.",
} as const;

/**
 * Is the image one of the project's own? A pattern is an image name (`acme/api`, `ghcr.io/acme/api`) or a name with
 * `*` for any characters (`ghcr.io/acme/*`); Docker Hub names match with or without `docker.io/`.
 */
export function isOwnImage(ref: string, patterns: readonly string[] | undefined): boolean {
  if (!patterns?.length) return false;
  let matchers = OWN_MATCHERS.get(patterns);
  if (!matchers) {
    // glob.ts matches in time linear in pattern x name, whatever the pattern (a config is the repository's text)
    matchers = patterns.map((p) => compileGlob(withoutHub(p.trim().toLowerCase()).replace(/\*+/g, '**')));
    OWN_MATCHERS.set(patterns, matchers);
  }
  const name = shortImageName(ref);
  return matchers.some((m) => m.test(name));
}
const OWN_MATCHERS = new WeakMap<readonly string[], GlobMatcher[]>();

/** A name without Docker Hub's prefix (`docker.io/library/nginx` is `nginx`, `docker.io/acme/x` is `acme/x`). */
const withoutHub = (n: string) => n.replace(/^docker\.io\/(library\/)?/, '');

/**
 * An image's name as people write it, without tag or digest: Docker Hub's without its prefix (`nginx`,
 * `acme/api`), other registries' with theirs (`ghcr.io/acme/api`). Lower case.
 */
export function shortImageName(ref: string): string {
  return withoutHub(imageSource(ref));
}
