// The devcontainer.json source of the container model: its own properties (privileged, capAdd, securityOpt,
// mounts, containerEnv, remoteEnv, containerUser, remoteUser, initializeCommand), the `docker run` flags of
// `runArgs`, and the features that imply grants (docker-in-docker runs the container privileged;
// docker-outside-of-docker mounts the host's Docker socket). Fixes edit the JSON with comments minimally.
import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import { prop, props, str, type ParsedJsonc } from './parse';
import { runFlags, type Flag, type Word } from '../../model/dockerRun';
import { UNKNOWN, type Container, type EnvVar, type Mount, type Setting } from '../../model/container';
import { removeChildren, removeProperty, replaceWithString } from '../../fixes/jsonEdit';
import { splitOption } from '../../vocabulary/dockerOptions';
import { addRunFlags, blankContainer, parseMountSpec } from '../commandline/flags';
import type { TextEdit } from '../../types';

/** Where a finding goes: a span of the devcontainer.json (a Loc: another source's reporter sees its file). */
interface Site {
  file: string;
  start: number;
  end: number;
}

const DIND = /(^|\/)docker-in-docker(?=$|[:@])/;
const DOOD = /(^|\/)docker-(outside-of|from)-docker(?=$|[:@])/;

/** The folder `${localWorkspaceFolder}` names: the one holding `.devcontainer/` (or `.devcontainer.json`). */
export function workspaceFolderOf(file: string): string {
  const dir = path.dirname(file);
  const parts = dir.split(/[\\/]/);
  const i = parts.lastIndexOf('.devcontainer');
  return i >= 0 ? parts.slice(0, i).join('/') || '/' : dir;
}

const HOME_PAIR = /\$\{(?:localEnv|env):(?:HOME|USERPROFILE)\}\$\{(?:localEnv|env):(?:HOME|USERPROFILE)\}/g;

/**
 * A value with the dev container's variables read for judgement: the home folder (`${localEnv:HOME}`,
 * `USERPROFILE`) is `~`, the workspace folder is `.`, a `${localEnv:X:default}` takes its default; anything else
 * is unknown (undefined, or `unknown` in its place when given).
 */
function resolve(s: string, unknown?: string): string | undefined {
  let known = true;
  // `${localEnv:HOME}${localEnv:USERPROFILE}` (and `${env:...}`, the spelling of the official templates): one of
  // the two is empty on any host, together they are the home folder
  const home = s.replace(HOME_PAIR, '~');
  // a hand-written scan of `${...}` (linear: the text is anything a repository holds)
  let out = '';
  for (let i = 0; i < home.length;) {
    const open = home.indexOf('${', i);
    const close = open < 0 ? -1 : home.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      out += home.slice(i);
      break;
    }
    out += home.slice(i, open);
    const inner = home.slice(open + 2, close);
    const d = /^(?:localEnv|env|containerEnv):[A-Za-z_][A-Za-z0-9_]*:(.*)$/s.exec(inner);
    if (/^(localEnv|env):(HOME|USERPROFILE)$/.test(inner)) out += '~';
    else if (inner === 'localWorkspaceFolder') out += '.';
    else if (d) out += d[1];
    else {
      known = false;
      out += unknown ?? '';
    }
    i = close + 1;
  }
  return known || unknown !== undefined ? out : undefined;
}

/** Makes a setting: its value, where it is written, how it is shown and quoted, and how a fix removes it. */
type Make = <T>(
  value: T,
  at: Node,
  shown: string,
  raw: string,
  holder: string,
  remove: () => TextEdit[],
  more?: Partial<Setting<T>>,
) => Setting<T>;

/** What reading a devcontainer.json into a Container shares between its parts. */
interface Reading {
  parsed: ParsedJsonc;
  text: string;
  root: Node | undefined;
  site: (n: Node) => Site;
  base: string;
  composeBacked: boolean;
  pairOf: (key: string) => ReturnType<typeof props>[number] | undefined;
  c: ReturnType<typeof blankContainer>;
  mk: Make;
  removePair: (p: { pair: Node }) => () => TextEdit[];
  removeItem: (arr: Node, item: Node) => () => TextEdit[];
}

/** The devcontainer.json read as a Container. */
export function devcontainerContainer(parsed: ParsedJsonc): Container {
  const { text, root } = parsed;
  const site = (n: Node): Site => ({ file: parsed.file, start: n.offset, end: n.offset + n.length });
  const base = workspaceFolderOf(parsed.file);
  const composeBacked = !!prop(root, 'dockerComposeFile');
  const pairOf = (key: string) =>
    props(root)
      .filter((p) => p.key === key)
      .pop();
  const c = blankContainer({
    source: 'devcontainer',
    name: 'devcontainer',
    subject: 'The dev container',
    site: { file: parsed.file, start: root?.offset ?? 0, end: root ? root.offset + 1 : 0 },
    advice: {
      secrets: 'a secrets file the dev container reads (kept out of version control)',
      reference: (name) => `\${localEnv:${name}}`,
    },
  });

  const mk: Make = (value, at, shown, raw, holder, remove, more = {}) => ({
    value,
    site: site(at),
    shown,
    raw,
    holder,
    remove,
    ...more,
  });
  const removePair = (p: { pair: Node }) => () => removeProperty(text, p.pair);
  const removeItem = (arr: Node, item: Node) => () => removeChildren(text, arr, item);
  const r: Reading = { parsed, text, root, site, base, composeBacked, pairOf, c, mk, removePair, removeItem };
  readProperties(r);
  readMounts(r);
  readUsersEnvCommands(r);
  readFeatures(r);
  readRunArgs(r);

  return c;
}

/** The image, privileged, capAdd and securityOpt. */
function readProperties(r: Reading): void {
  const { root, composeBacked, pairOf, c, mk, removePair, removeItem } = r;
  const { privileged, capAdd, securityOpts } = c;

  // ---- properties ----
  const imagePair = pairOf('image');
  const imageRef = str(imagePair?.value)?.trim();
  if (imagePair && imageRef && !composeBacked && !prop(root, 'build') && !prop(root, 'dockerFile'))
    c.image = mk(imageRef, imagePair.value!, `"image": "${imageRef}"`, imageRef, 'image', () => []);
  const priv = pairOf('privileged');
  if (priv?.value?.value === true)
    privileged.push(mk<true>(true, priv.pair, '"privileged": true', 'true', 'privileged', removePair(priv)));
  const strings = (key: string) => {
    const arr = prop(root, key);
    return arr?.type === 'array'
      ? (arr.children ?? []).flatMap((n) => (typeof n.value === 'string' ? [{ arr, n, v: n.value }] : []))
      : [];
  };
  for (const { arr, n, v } of strings('capAdd')) capAdd.push(mk(v, n, v, v, 'capAdd', removeItem(arr, n)));
  for (const { arr, n, v } of strings('securityOpt')) {
    const o = splitOption(v);
    if (o)
      securityOpts.push(
        mk({ name: o.name.toLowerCase(), value: o.value?.toLowerCase() }, n, v, v, 'securityOpt', removeItem(arr, n)),
      );
  }
}

/** `mounts` (strings and objects) and `workspaceMount`. */
function readMounts(r: Reading): void {
  const { root, base, composeBacked, pairOf, mk, removeItem } = r;
  const { mounts } = r.c;
  const mountsNode = prop(root, 'mounts');
  for (const n of mountsNode?.type === 'array' ? (mountsNode.children ?? []) : []) {
    if (n.type === 'string') {
      const spec = n.value as string;
      const m = parseMountSpec(spec, { read: resolve });
      mounts.push(
        mk<Mount>(
          {
            ...m,
            base,
            readOnlyFix: () => ({
              title: 'Mount it read-only (readonly)',
              edits: replaceWithString(n, `${spec},readonly`),
            }),
          },
          n,
          spec,
          spec,
          'mounts',
          removeItem(mountsNode!, n),
        ),
      );
    } else if (n.type === 'object') {
      const source = str(prop(n, 'source'));
      const resolved = source === undefined ? undefined : resolve(source);
      mounts.push(
        mk<Mount>(
          {
            type: (str(prop(n, 'type')) ?? 'volume').toLowerCase(),
            source: resolved,
            looseSource: resolved === undefined ? source : undefined,
            target: str(prop(n, 'target')),
            readOnly: false,
            base,
          },
          n,
          source ?? '',
          source ?? '',
          'mounts',
          removeItem(mountsNode!, n),
        ),
      );
    }
  }
  const ws = pairOf('workspaceMount');
  const wsSpec = str(ws?.value);
  if (ws && wsSpec && !composeBacked) {
    const m = parseMountSpec(wsSpec, { read: resolve });
    mounts.push(mk<Mount>({ ...m, base }, ws.value!, wsSpec, wsSpec, 'workspaceMount', () => []));
  }
}

/** The users, the environment and the lifecycle commands (in the container and on the host). */
function readUsersEnvCommands(r: Reading): void {
  const { root, pairOf, c, mk, removePair } = r;
  const { user: users, env } = c;
  for (const key of ['containerUser', 'remoteUser']) {
    const p = pairOf(key);
    const u = str(p?.value);
    if (p && u !== undefined) users.push(mk(u, p.pair, `"${key}": "${u}"`, u, key, removePair(p)));
  }
  for (const key of ['containerEnv', 'remoteEnv']) {
    for (const p of props(prop(root, key))) {
      const raw = str(p.value);
      if (raw === undefined) continue;
      env.push(mk(envVar(p.key, raw, key), p.pair, p.key, raw, key, removePair(p)));
    }
  }
  // the lifecycle commands that run in the container
  for (const key of [
    'onCreateCommand',
    'updateContentCommand',
    'postCreateCommand',
    'postStartCommand',
    'postAttachCommand',
  ]) {
    const p = pairOf(key);
    const cmd = p?.value && commandText(p.value);
    if (p && cmd) c.commands.push(mk(cmd, p.pair, cmd, cmd, key, removePair(p)));
  }
  const init = pairOf('initializeCommand');
  if (init?.value) {
    const cmd = commandText(init.value);
    if (cmd !== undefined) c.hostCommands.push(mk(cmd, init.pair, cmd, cmd, 'initializeCommand', removePair(init)));
  }
}

/** Features that imply grants (docker-in-docker: privileged; docker-outside-of-docker: the socket). */
function readFeatures(r: Reading): void {
  const { root, base, mk, removePair } = r;
  const { privileged, mounts } = r.c;
  // ---- features that imply grants ----
  for (const f of props(prop(root, 'features'))) {
    if (f.value?.value === false) continue;
    const id = f.key.toLowerCase();
    if (DIND.test(id))
      privileged.push(
        mk<true>(true, f.keyNode, f.key, f.key, 'features', removePair(f), { via: `the feature ${f.key}` }),
      );
    else if (DOOD.test(id))
      mounts.push(
        mk<Mount>(
          { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker-host.sock', readOnly: false, base },
          f.keyNode,
          f.key,
          f.key,
          'features',
          removePair(f),
          { via: `through the feature ${f.key}` },
        ),
      );
  }
}

/** `runArgs`: the `docker run` flags (ignored by Compose-backed dev containers). */
function readRunArgs(r: Reading): void {
  const { text, root, site, base, composeBacked, pairOf, c, mk } = r;
  const { ports } = c;
  // ---- runArgs: the `docker run` flags (ignored by Compose-backed dev containers) ----
  const runArgs = prop(root, 'runArgs');
  if (runArgs?.type === 'array' && !composeBacked) {
    const words: Word<Node>[] = (runArgs.children ?? []).flatMap((n) =>
      n.type === 'string' ? [{ text: n.value as string, site: n }] : [],
    );
    const node = (f: Flag<Node>) => {
      const first = f.words[0].site;
      const last = f.words[f.words.length - 1].site;
      return { first, last, at: { ...first, length: last.offset + last.length - first.offset } };
    };
    addRunFlags(c, runFlags(words), {
      site: (f) => site(node(f).at),
      remove: (f) => removeChildren(text, runArgs, node(f).first, node(f).last),
      // a joined flag ends with its value (`--user=0`, `-u0`): keep what comes before it
      replace: (f, v) =>
        f.joined
          ? replaceWithString(node(f).first, f.written.slice(0, f.written.length - (f.value ?? '').length) + v)
          : replaceWithString(node(f).last, v),
      read: resolve,
      envVar,
      known: () => true,
      holder: 'runArgs',
      base,
    });
    const pair = pairOf('runArgs');
    if (ports.length && pair) c.portsHolder = mk<true>(true, pair.pair, 'runArgs', 'runArgs', 'runArgs', () => []);
  }
}

function envVar(name: string, raw: string, where: string): EnvVar {
  const literal = resolve(raw);
  return {
    name,
    value: literal,
    literal,
    loose: raw.includes('${') ? resolve(raw, UNKNOWN) : undefined,
    reference: /^\$\{(localEnv|env|containerEnv):[A-Za-z_][A-Za-z0-9_]*\}$/.test(raw),
    where,
  };
}

/** `initializeCommand` as one line: a string, an array of words, or an object of named commands. */
function commandText(n: Node): string | undefined {
  if (n.type === 'string') return n.value as string;
  if (n.type === 'array') return (n.children ?? []).map((w) => String(w.value)).join(' ');
  if (n.type === 'object')
    return props(n)
      .map((p) => `${p.key}: ${commandText(p.value!) ?? ''}`)
      .join('; ');
  return undefined;
}
