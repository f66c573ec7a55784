// Image references: what their tag is, whether they are pinned. Shared by the Compose and Dockerfile rules.

/** The tag of an image reference, '' when none; undefined when pinned by digest. */
export function imageTag(ref: string): string | undefined {
  if (ref.includes('@')) return undefined;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : '';
}
