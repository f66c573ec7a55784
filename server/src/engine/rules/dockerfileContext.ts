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

export interface DockerfileContext<Options = Readonly<Record<string, unknown>>> {
  file: string;
  model: DockerfileModel;
  options: Options;
  fixDefaults: FixDefaults;
  report(r: DockerfileReport): void;
}

/** The context a rule's check gets; `options` as for makeComposeContext. */
export function makeDockerfileContext<O = Readonly<Record<string, unknown>>>(
  meta: RuleMeta,
  file: string,
  model: DockerfileModel,
  options: Readonly<Record<string, unknown>>,
  fixDefaults: FixDefaults,
  out: Finding[],
): DockerfileContext<O> {
  return {
    file,
    model,
    options: options as O,
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
