// What a daemon rule sees: the daemon's configuration (daemon.json or a systemd drop-in), its options, and a
// reporter for spans of the file.
import type { DaemonConfig, DaemonValue } from '../sources/daemon/config';
import { removeChildren, removeProperty } from '../fixes/jsonEdit';
import type { Finding, Profile, Severity, TextEdit } from '../types';
import { spanFinding, type FixList, type RuleMeta } from './base';

export interface DaemonReport {
  at: { start: number; end: number };
  message: string;
  severity?: Severity;
  fixes?: FixList;
}

export interface DaemonContext<Options = Readonly<Record<string, unknown>>> {
  config: DaemonConfig;
  options: Options;
  profile: Profile;
  report(r: DaemonReport): void;
  /** Edits that remove a value (a daemon.json property or list item); none for a unit file's flags. */
  removeEdits(v: DaemonValue): TextEdit[];
}

export function makeDaemonContext<O = Readonly<Record<string, unknown>>>(
  meta: RuleMeta,
  config: DaemonConfig,
  options: Readonly<Record<string, unknown>>,
  profile: Profile,
  out: Finding[],
): DaemonContext<O> {
  return {
    config,
    options: options as O,
    profile,
    removeEdits(v) {
      if (config.form !== 'json') return [];
      if (v.pair) return removeProperty(config.text, v.pair);
      return v.node?.parent ? removeChildren(config.text, v.node.parent, v.node) : [];
    },
    report(r) {
      out.push(spanFinding(meta, config.file, config.index, { ...r, start: r.at.start, end: r.at.end }));
    },
  };
}
