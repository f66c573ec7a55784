// Reading a baseline file (the CLI's --baseline, the config's `baseline:` in the CLI and the editor): bounded and
// typed like every read, then checked by the engine's parser.
import { MAX_BASELINE_BYTES, parseBaseline } from '../engine';
import { readText } from './read';

export { MAX_BASELINE_BYTES };

/** The `file\0fingerprint` keys a baseline holds, or why it cannot be used. */
export function readBaseline(file: string): { keys: Set<string> } | { error: string } {
  const r = readText(file, MAX_BASELINE_BYTES);
  return 'text' in r ? parseBaseline(r.text) : { error: r.error };
}
