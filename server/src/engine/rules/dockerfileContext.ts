// What a Dockerfile rule sees: the model, its options, and a reporter for offsets in the file.
import type { DockerfileModel } from '../sources/dockerfile/model';
import type { ComposeUse } from '../model/builds';
import type { DevcontainerUse } from '../sources/devcontainer/builds';
import type { BuildContext } from '../sources/dockerfile/context';
import type { Finding, RelatedInfo, Severity } from '../types';
import { spanFinding, type FixDefaults, type FixList, type RuleMeta } from './base';

export interface DockerfileReport {
  start: number;
  end: number;
  message: string;
  fixes?: FixList;
  severity?: Severity;
  related?: RelatedInfo[];
}

export interface DockerfileContext<Options = Readonly<Record<string, unknown>>> {
  file: string;
  model: DockerfileModel;
  options: Options;
  fixDefaults: FixDefaults;
  /** The Compose services that build this Dockerfile (computed on first use: it reads Compose files). */
  composeUsers(): ComposeUse[];
  /** The dev containers that build this Dockerfile (computed on first use: it reads devcontainer.json files). */
  devcontainerUsers(): DevcontainerUse[];
  /**
   * The build contexts this Dockerfile is built with (the Compose services' `build.context`, else its own folder),
   * with the sensitive files their ignore file lets through (computed on first use: it lists folders).
   */
  buildContexts(): BuildContext[];
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
  composeUsers: () => ComposeUse[] = () => [],
  buildContexts: () => BuildContext[] = () => [],
  devcontainerUsers: () => DevcontainerUse[] = () => [],
): DockerfileContext<O> {
  return {
    file,
    model,
    options: options as O,
    fixDefaults,
    composeUsers,
    devcontainerUsers,
    buildContexts,
    report(r) {
      out.push(spanFinding(meta, file, model.index, r));
    },
  };
}
