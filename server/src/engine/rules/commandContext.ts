// What a command rule sees: the engine commands of the linted file (model/engineCommand.ts), its options, and a
// reporter for spans of the file.
import type { EngineCommand } from '../model/engineCommand';
import type { LineIndex } from '../text';
import type { Finding, Profile, Severity } from '../types';
import { spanFinding, type FixList, type RuleMeta } from './base';

export interface CommandReport {
  at: { start: number; end: number };
  message: string;
  severity?: Severity;
  fixes?: FixList;
}

export interface CommandContext<Options = Readonly<Record<string, unknown>>> {
  commands: readonly EngineCommand[];
  options: Options;
  profile: Profile;
  report(r: CommandReport): void;
}

export function makeCommandContext(
  meta: RuleMeta,
  file: string,
  index: LineIndex,
  commands: readonly EngineCommand[],
  options: Readonly<Record<string, unknown>>,
  profile: Profile,
  out: Finding[],
): CommandContext {
  return {
    commands,
    options,
    profile,
    report(r) {
      out.push(spanFinding(meta, file, index, { ...r, start: r.at.start, end: r.at.end }));
    },
  };
}
