// What a Dockerfile rule sees: the model, its options, and a reporter for offsets in the file.
import type { DockerfileModel } from '../model/dockerfile/model';
import type { Finding, Severity } from '../types';
import { withLazyFixes, type FixDefaults, type FixList, type RuleMeta } from './rule';

export interface DockerfileReport {
  start: number;
  end: number;
  message: string;
  fixes?: FixList;
  severity?: Severity;
}

export interface DockerfileContext {
  file: string;
  model: DockerfileModel;
  options: Record<string, unknown>;
  fixDefaults: FixDefaults;
  report(r: DockerfileReport): void;
}

export function makeDockerfileContext(
  meta: RuleMeta,
  file: string,
  model: DockerfileModel,
  options: Record<string, unknown>,
  fixDefaults: FixDefaults,
  out: Finding[],
): DockerfileContext {
  return {
    file,
    model,
    options,
    fixDefaults,
    report(r) {
      out.push(
        withLazyFixes(
          {
            ruleId: meta.id,
            severity: r.severity ?? meta.severity,
            message: r.message,
            file,
            start: r.start,
            end: r.end,
            range: model.index.range(r.start, r.end),
          },
          r.fixes,
        ),
      );
    },
  };
}
