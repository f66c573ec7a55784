// The sources, in the order they are asked which one reads a file: by its name first, then (a file named
// explicitly) by its content. A new kind of file is a new folder here and one line in this table.
import type { Kind } from '../types';
import type { Source } from './source';
import { dockerfileSource } from './dockerfile/index';
import { composeSource } from './compose/index';
import { devcontainerSource } from './devcontainer/index';
import { daemonSource } from './daemon/index';
import { commandLineSource } from './commandline/index';

/** The parse cache the Compose source keeps between lints (files merged into several projects are parsed once). */
export { ParseCache } from './compose/project';

export const SOURCES: readonly Source[] = [
  dockerfileSource,
  composeSource,
  devcontainerSource,
  daemonSource,
  commandLineSource, // scripts, Makefiles, workflows, Markdown (and a file without an extension, by its shebang)
];

/** The source that reads files of this kind. */
export function sourceOf(kind: Kind): Source | undefined {
  return SOURCES.find((s) => s.kind === kind);
}

/**
 * Decides the kind of a file from its name, then (a file named explicitly) its content; undefined when no source
 * reads it. `quiet` (out): a file of a name a source knows but does not read (another tool's daemon.json).
 */
export function detectKind(file: string, text: string, explicit = false, quiet?: { is: boolean }): Kind | undefined {
  for (const s of SOURCES) {
    const r = s.byName(file, text, explicit);
    if (r === 'none') {
      if (quiet) quiet.is = true;
      return undefined;
    }
    if (r) return s.kind;
  }
  if (!explicit) return undefined;
  const head = text.replace(/^\uFEFF/, '');
  for (const s of SOURCES) if (s.byContent?.(file, head)) return s.kind;
  return undefined;
}
