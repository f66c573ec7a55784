// The Dockerfile model's nodes (stages, instructions, flags, heredocs), apart from the parser so that what reads
// them (props.ts) and what builds them (model.ts) need not import each other.
import type { Instruction, Dockerfile as AstDockerfile } from 'dockerfile-ast';
import type { LineIndex } from '../../text';
import type { ParseProblem } from '../../types';
import type { Command } from './shell';

export interface Flag {
  name: string;
  value: string | undefined;
  start: number;
  end: number;
}
export interface Heredoc {
  name: string;
  bodyStart: number;
  bodyEnd: number;
}

export interface Inst {
  keyword: string;
  start: number;
  end: number;
  /** Offsets of the arguments (after the keyword). */
  argsStart: number;
  argsEnd: number;
  ast: Instruction;
  flags: Flag[];
  /** Arguments after flags, with offsets. */
  args: { value: string; start: number; end: number }[];
  heredocs: Heredoc[];
  stage: Stage;
  firstLine: number;
  lastLine: number;
  /** Cached shell commands. */
  _shell?: Command[];
}

export interface Stage {
  index: number;
  name: string | undefined;
  /** The image after resolving ARG defaults; undefined when unresolvable. */
  image: string | undefined;
  imageRaw: string;
  from: Inst;
  instructions: Inst[];
  /** The stage this one builds on (FROM <earlier stage name>). */
  parent: Stage | undefined;
}

export interface DockerfileModel {
  path: string;
  text: string;
  index: LineIndex;
  ast: AstDockerfile;
  escape: string;
  stages: Stage[];
  instructions: Inst[];
  /** Default values of ARGs declared before the first FROM. */
  globalArgs: Map<string, string | undefined>;
  problems: ParseProblem[];
  /** Lines inside heredoc bodies (no comments there). */
  heredocLines: Set<number>;
  /** The last line of the leading comment/directive block (-1 when none). */
  leadingEnd: number;
}

/** A stage and the stages it is built on (`FROM <stage>`), nearest first; bounded (a chain has no cycles, but 64). */
export function stageChain(stage: Stage | undefined): Stage[] {
  const out: Stage[] = [];
  for (let s = stage; s && out.length < 64; s = s.parent) out.push(s);
  return out;
}
