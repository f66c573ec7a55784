// The Dockerfile model over dockerfile-ast: stages, ARG defaults, instructions with offsets, flags,
// heredocs, and a shell view of RUN (and shell-form CMD/ENTRYPOINT).
import {
  DockerfileParser,
  Instruction as AstInstruction,
  ModifiableInstruction,
  type Instruction,
} from 'dockerfile-ast';

// dockerfile-ast 0.7 drops an instruction's flags from its arguments with one `shift()` per flag, which is
// quadratic in the number of flags (`RUN --mount=x --mount=x ...`, 1.8 MB: 22 s), and it does so while parsing.
// The same result in linear time: the arguments after the flags. (Checked by the model tests, which compare
// every instruction's arguments and flags on the fixtures.)
const flagFreeArguments = function (this: ModifiableInstruction) {
  const args = AstInstruction.prototype.getArguments.call(this);
  const n = this.getFlags().length;
  return n === 0 ? args : args.slice(n);
};
ModifiableInstruction.prototype.getArguments = flagFreeArguments;
// dockerfile-ast computes an instruction's arguments anew at every call (a character scan with a position lookup
// per argument), and calls it several times per instruction while parsing (flags, JSON form, heredocs, ranges):
// two thirds of a Dockerfile's lint on real files. An instruction's text and range are fixed once it is built, so
// its arguments are computed once. Every caller gets the same list, frozen: nothing in dockerfile-ast that runs
// changes it (ModifiableInstruction's shift is replaced above; getExpandedArguments, which would write into it, is
// never called and would throw rather than spoil the list), and a copy per call was 3% of a lint in allocations.
type CachedArguments = { __args?: ReturnType<AstInstruction['getArguments']> };
const computeArguments = (AstInstruction.prototype as unknown as { getRawArguments: () => CachedArguments['__args'] })
  .getRawArguments;
(AstInstruction.prototype as unknown as { getRawArguments: () => CachedArguments['__args'] }).getRawArguments =
  function (this: CachedArguments) {
    return (this.__args ??= Object.freeze(computeArguments.call(this)!) as CachedArguments['__args']);
  };
import { leadingCommentEnd, LineIndex, pushAll } from '../../text';
import type { ParseProblem, Range } from '../../types';
import { joinContinuations, mapped, parseShell, type Command, type Mapped } from './shell';
import { shellVars } from './props';
import type { DockerfileModel, Flag, Heredoc, Inst, Stage } from './nodes';
import { stageChain } from './nodes';
import { keptOn } from '../../memo';

export type { DockerfileModel, Flag, Heredoc, Inst, Stage } from './nodes';
export { stageChain } from './nodes';

export function parseDockerfile(path: string, written: string): DockerfileModel {
  const text = asBuildKitReads(written);
  const index = new LineIndex(text);
  // dockerfile-ast's parser-directive scan restarts at every '#' of a first line that runs to the end of the file
  // without '=' (quadratic: 80 KB of '#' took 10 s); a line break after the text (offsets unchanged) ends it there
  const ast = DockerfileParser.parse(/[\r\n]/.test(text) ? text : `${text}\n`);
  const off = (r: Range) => index.offset(r.start);
  const offEnd = (r: Range) => index.offset(r.end);
  const escape = ast.getEscapeCharacter();
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  const stageByName = new Map<string, Stage>(); // the first stage of each name, as `find` returned it
  const instructions: Inst[] = [];
  const problems: ParseProblem[] = [];
  const heredocLines = new Set<number>();
  let stage: Stage | undefined;
  // the next `<<` at or after the instruction read: it only moves forward, so the whole file is searched once
  let marker = text.indexOf('<<');
  for (const ast_i of ast.getInstructions()) {
    const kw = ast_i.getKeyword().toUpperCase();
    const r = ast_i.getRange();
    const ar = ast_i.getArgumentsRange();
    if (marker >= 0 && marker < off(r)) marker = text.indexOf('<<', off(r));
    const { flags, args, heredocs } = partsOf(ast_i, off, offEnd, heredocLines, marker >= 0 && marker < offEnd(r));
    const inst: Inst = {
      keyword: kw,
      start: off(r),
      end: offEnd(r),
      argsStart: ar ? off(ar) : offEnd(r),
      argsEnd: ar ? offEnd(ar) : offEnd(r),
      ast: ast_i,
      flags,
      args,
      heredocs,
      stage: undefined as unknown as Stage,
      firstLine: r.start.line,
      lastLine: r.end.line,
    };
    if (heredocs.length) {
      const last = heredocs[heredocs.length - 1];
      const lastLine = index.position(last.bodyEnd).line + 1;
      if (lastLine > inst.lastLine) {
        inst.lastLine = Math.min(lastLine, index.lineCount - 1);
        inst.end = index.lineEnd(inst.lastLine);
      }
    }
    if (kw === 'FROM') {
      const imageRaw = args[0]?.value ?? '';
      const name = args.length >= 3 && args[1].value.toUpperCase() === 'AS' ? args[2].value : undefined;
      const image = resolveArgs(imageRaw, globalArgs);
      const parent = image ? stageByName.get(image.toLowerCase()) : undefined;
      stage = { index: stages.length, name, image, imageRaw, from: inst, instructions: [], parent };
      stages.push(stage);
      if (name && !stageByName.has(name.toLowerCase())) stageByName.set(name.toLowerCase(), stage);
    } else if (!stage && kw === 'ARG') {
      for (const a of args) {
        const eq = a.value.indexOf('=');
        globalArgs.set(
          eq < 0 ? a.value : a.value.slice(0, eq),
          eq < 0 ? undefined : stripQuotes(a.value.slice(eq + 1)),
        );
      }
    }
    if (stage) {
      inst.stage = stage;
      stage.instructions.push(inst);
    }
    instructions.push(inst);
  }
  if (text !== written) problems.push(whitespaceProblem(path, written, text, index));
  if (text.trim() && !stages.length)
    problems.push({
      file: path,
      message: 'No FROM instruction: this is not a complete Dockerfile',
      range: index.range(0, 0),
      severity: 'warning',
    });
  // leading comment block: directives and comments before the first instruction
  return {
    path,
    text,
    index,
    ast,
    escape,
    stages,
    instructions,
    globalArgs,
    problems,
    heredocLines,
    leadingEnd: leadingCommentEnd(index, false),
  };
}

function stripQuotes(s: string): string {
  return s.replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
}

/** Resolves `$VAR` / `${VAR}` / `${VAR:-x}` with ARG defaults; undefined when a variable has no value. */
export function resolveArgs(s: string, args: Map<string, string | undefined>): string | undefined {
  if (!s.includes('$')) return s;
  let unknown = false;
  const value = (name: string, op?: string, def?: string): string => {
    const v = args.get(name);
    if (op === '-' && (v === undefined || v === '')) return def ?? '';
    if (op === '+') return v ? (def ?? '') : '';
    if (v === undefined) {
      unknown = true;
      return '';
    }
    return v;
  };
  // a hand-written scan (a regular expression for it was quadratic on `${A+${A+...` with no closing brace);
  // `closeAt` remembers the last search for '}' so that each part of the text is searched once
  let closeFrom = -1,
    closeAt = -1;
  const nextClose = (from: number) => {
    if (from < closeFrom || (closeAt >= 0 && closeAt < from) || closeFrom < 0) {
      closeFrom = from;
      closeAt = s.indexOf('}', from);
    }
    return closeAt;
  };
  let out = '';
  let i = 0;
  while (i < s.length) {
    const d = s.indexOf('$', i);
    if (d < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, d);
    if (s[d + 1] === '{') {
      const n = nameLength(s, d + 2);
      if (n > 0) {
        const name = s.slice(d + 2, d + 2 + n);
        let k = d + 2 + n;
        if (s[k] === '}') {
          out += value(name);
          i = k + 1;
          continue;
        }
        if (s[k] === ':') k++;
        if (s[k] === '-' || s[k] === '+') {
          const close = nextClose(k + 1);
          if (close >= 0) {
            out += value(name, s[k], s.slice(k + 1, close));
            i = close + 1;
            continue;
          }
        }
      }
    } else {
      const n = nameLength(s, d + 1);
      if (n > 0) {
        out += value(s.slice(d + 1, d + 1 + n));
        i = d + 1 + n;
        continue;
      }
    }
    out += '$';
    i = d + 1;
  }
  return unknown ? undefined : out;
}

/** The length of the variable name (`[A-Za-z_][A-Za-z0-9_]*`) at `at`, 0 when there is none. */
function nameLength(s: string, at: number): number {
  let i = at;
  if (i >= s.length || !/[A-Za-z_]/.test(s[i])) return 0;
  i++;
  while (i < s.length && /[A-Za-z0-9_]/.test(s[i])) i++;
  return i - at;
}

/**
 * The instruction's argument text from `start`: up to the end of its first line when it has heredocs (the bodies
 * are read separately), with the heredoc markers (<<EOF, <<-"EOF") blanked so that offsets stay the same.
 */
function argsText(m: DockerfileModel, inst: Inst, start: number): string {
  if (!inst.heredocs.length) return m.text.slice(start, inst.argsEnd);
  return m.text
    .slice(start, m.index.lineEnd(inst.firstLine))
    .replace(/<<-?\s*(["']?)[A-Za-z_][A-Za-z0-9_]*\1/g, (x) => ' '.repeat(x.length));
}

/** Shell commands of a RUN (shell form, JSON form with sh -c, heredoc bodies) or shell-form CMD/ENTRYPOINT. */
export function shellOf(m: DockerfileModel, inst: Inst): Command[] {
  if (inst._shell) return inst._shell;
  let cmds: Command[] = [];
  const argsStart = inst.args.length ? inst.args[0].start : inst.argsEnd;
  const raw = argsText(m, inst, argsStart);
  if (raw.trimStart().startsWith('[')) {
    try {
      const arr = JSON.parse(raw.replace(/\\\r?\n/g, '')) as unknown;
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) {
        // JSON form: the words are the strings; map each to where it is written
        let pos = argsStart;
        const words = arr.map((s) => {
          const at = m.text.indexOf('"', pos);
          const end = m.text.indexOf('"', at + 1 + Math.max(0, JSON.stringify(s).length - 2));
          pos = end + 1;
          return { text: s, value: s, known: true, start: at, end: end + 1, quoted: true };
        });
        const script = words.length >= 3 && /^-[a-z]*c$/.test(words[1].text) ? words[2] : undefined;
        cmds = [{ words, sep: '' }];
        if (script && /(^|\/)(ba|z|da|k|a)?sh$/.test(words[0].text))
          pushAll(cmds, parseShell(mapped(script.text, script.start + 1)));
      }
    } catch {
      /* not JSON: shell form */
    }
  }
  const opts = m.text.slice(argsStart, inst.end).includes('$') ? shellVars(m, inst) : undefined;
  if (!cmds.length) cmds = parseShell(joinContinuations(raw, argsStart, m.escape), opts);
  for (const h of inst.heredocs)
    pushAll(cmds, parseShell(mapped(m.text.slice(h.bodyStart, h.bodyEnd), h.bodyStart), opts));
  inst._shell = cmds;
  return cmds;
}

/** The logical text of the instruction's arguments (continuations removed), for pattern rules. */
export function logicalArgs(m: DockerfileModel, inst: Inst): Mapped[] {
  const out: Mapped[] = [joinContinuations(argsText(m, inst, inst.argsStart), inst.argsStart, m.escape)];
  for (const h of inst.heredocs) out.push(mapped(m.text.slice(h.bodyStart, h.bodyEnd), h.bodyStart));
  return out;
}

export function finalStage(m: DockerfileModel): Stage | undefined {
  return m.stages[m.stages.length - 1];
}

/** The effective USER instruction at the end of a stage (following FROM <stage> chains), if any. */
export function lastUser(stage: Stage, before?: Inst): Inst | undefined {
  for (const s of stageChain(stage)) {
    const list = s === stage && before ? s.instructions.filter((i) => i.start < before.start) : s.instructions;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].keyword === 'USER') return list[i];
  }
  return undefined;
}

/** Lines of the instruction that starts on `line` (the line alone when none starts there). */
export function instructionSpan(m: DockerfileModel, line: number): [number, number] {
  let starts = spanIndex.get(m);
  if (!starts) {
    starts = new Map();
    for (const i of m.instructions) if (!starts.has(i.firstLine)) starts.set(i.firstLine, i);
    spanIndex.set(m, starts);
  }
  const inst = starts.get(line);
  return inst ? [inst.firstLine, inst.lastLine] : [line, line];
}
/** Instructions by their first line, per model (built on the first directive: most files have none). */
const spanIndex = keptOn<DockerfileModel, Map<number, Inst>>('instructions by first line');

/** An instruction's flags, its arguments after them and its here-documents (whose lines go to `heredocLines`). */
function partsOf(
  ast_i: Instruction,
  off: (r: Range) => number,
  offEnd: (r: Range) => number,
  heredocLines: Set<number>,
  /** `<<` is in the instruction's text (else it has no here-document, and dockerfile-ast is not asked). */
  mayHaveHeredocs: boolean,
): { flags: Flag[]; args: Inst['args']; heredocs: Heredoc[] } {
  const flags: Flag[] = [];
  const maybeFlags = (
    ast_i as unknown as { getFlags?: () => { getName(): string; getValue(): string | null; getRange(): Range }[] }
  ).getFlags;
  if (typeof maybeFlags === 'function') {
    for (const f of maybeFlags.call(ast_i))
      flags.push({
        name: f.getName().toLowerCase(),
        value: f.getValue() ?? undefined,
        start: off(f.getRange()),
        end: offEnd(f.getRange()),
      });
  }
  const flagEnd = flags.reduce((mx, f) => Math.max(mx, f.end), -1);
  const args = ast_i
    .getArguments()
    .map((a) => ({ value: a.getValue(), start: off(a.getRange()), end: offEnd(a.getRange()) }))
    .filter((a) => a.start > flagEnd);
  const heredocs: Heredoc[] = [];
  const getHeredocs = (
    ast_i as unknown as { getHeredocs?: () => { getName(): string; getContentRange(): Range | null }[] }
  ).getHeredocs;
  if (mayHaveHeredocs && typeof getHeredocs === 'function') {
    for (const h of getHeredocs.call(ast_i)) {
      const cr = h.getContentRange();
      if (!cr) continue;
      heredocs.push({ name: h.getName(), bodyStart: off(cr), bodyEnd: offEnd(cr) });
      for (let l = cr.start.line; l <= cr.end.line; l++) heredocLines.add(l);
    }
  }
  return { flags, args, heredocs };
}

/** A warning at the first whitespace that BuildKit reads otherwise than the editor shows it. */
function whitespaceProblem(path: string, written: string, text: string, index: LineIndex): ParseProblem {
  let at = 0;
  while (at < text.length && text[at] === written[at]) at++;
  return {
    file: path,
    message:
      'Unusual whitespace (a vertical tab, form feed, no-break space or lone carriage return) that BuildKit reads ' +
      'as a space or as part of the line: the file is analysed as BuildKit reads it',
    range: index.range(at, at + 1),
    severity: 'warning',
  };
}

/** Characters Go's unicode.IsSpace takes for whitespace, besides the space, the tab and the line feed. */
const GO_SPACE = /[\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
/** The characters BuildKit splits an instruction's keyword from its arguments at. */
const KEYWORD_END = '\t\v\f\r ';

/**
 * The text as BuildKit's parser reads it, in the same length (so every offset stays): lines end at a line feed
 * only (a lone carriage return is part of the line: `RUN true\r;curl ... | sh` runs curl), a line's leading
 * whitespace is whatever Go's unicode.IsSpace says (a form feed or no-break space before `USER root`), and the
 * keyword ends at a tab, vertical tab, form feed, carriage return or space (`ENV\vDOCKER_HOST=...`). Each of those
 * becomes a space here, where the parser and the shell reader would otherwise see something else.
 */
export function asBuildKitReads(text: string): string {
  if (!GO_SPACE.test(text)) return text;
  const out: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    const crlf = line.endsWith('\r');
    if (crlf) line = line.slice(0, -1);
    if (GO_SPACE.test(line)) {
      const chars = [...line];
      let i = 0;
      for (; i < chars.length && (chars[i] === ' ' || chars[i] === '\t' || GO_SPACE.test(chars[i])); i++)
        if (chars[i] !== '\t') chars[i] = ' ';
      while (i < chars.length && !KEYWORD_END.includes(chars[i])) i++;
      for (; i < chars.length && KEYWORD_END.includes(chars[i]); i++) if (chars[i] !== '\t') chars[i] = ' ';
      line = chars.join('').replace(/\r/g, ' ');
    }
    out.push(crlf ? `${line}\r` : line);
    start = end + 1;
  }
  return out.join('\n');
}
