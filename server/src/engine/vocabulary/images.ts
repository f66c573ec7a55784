// Image references: what their tag is, whether they are pinned. Shared by the Compose and Dockerfile rules.

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
