// Image references: what their tag is, whether they are pinned, what they are for. Shared by the rules.

/** Tags that name a channel, not a version: what they point at changes whenever upstream pushes. */
const MOVING_TAGS = new Set(['latest', 'stable', 'edge', 'nightly', 'lts', 'main', 'master', 'dev', 'rolling']);

/** Is this tag a moving one (`latest`, `stable`, `edge`, `nightly`...)? Case-insensitive. */
export function isMovingTag(tag: string): boolean {
  return MOVING_TAGS.has(tag.toLowerCase());
}

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
