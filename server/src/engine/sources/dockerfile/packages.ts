// Package-manager commands in RUN: which manager, which verb, its options and the packages it names. Options
// before the verb (`apk --no-cache add`, `apt-get -y install`) and after it are both read.
import { baseName, program } from './shell';
import type { Command, Word } from '../../model/shell/parse';
import { lookupTable } from '../../vocabulary/lookup';
import { keptOn } from '../../memo';

export type Manager = 'apt' | 'apk' | 'dnf' | 'zypper' | 'pip' | 'npm' | 'gem';

export interface PackageCommand {
  manager: Manager;
  /** The verb as written (`install`, `add`, `update`...). */
  verb: string;
  verbWord: Word;
  command: Command;
  /** Options anywhere after the program (`-y`, `--no-install-recommends`, `-r`...). */
  options: Word[];
  /** Words that are not options (packages, or an option's value such as `-r requirements.txt`'s). */
  operands: Word[];
}

const PROGRAMS: Record<string, Manager> = lookupTable({
  'apt-get': 'apt',
  apt: 'apt',
  aptitude: 'apt',
  apk: 'apk',
  yum: 'dnf',
  dnf: 'dnf',
  microdnf: 'dnf',
  tdnf: 'dnf',
  zypper: 'zypper',
  pip: 'pip',
  pip3: 'pip',
  npm: 'npm',
  gem: 'gem',
});
/** The verbs worth knowing per manager (a command with another verb is not returned). */
const VERBS: Record<Manager, Set<string>> = {
  apt: new Set(['install', 'update', 'upgrade', 'dist-upgrade']),
  apk: new Set(['add', 'update', 'upgrade']),
  dnf: new Set(['install', 'update', 'upgrade', 'makecache']),
  zypper: new Set(['install', 'in', 'refresh', 'ref', 'update', 'up']),
  pip: new Set(['install']),
  npm: new Set(['install', 'i', 'add']),
  gem: new Set(['install']),
};
/** Options that take the next word as their value (so that it is not read as the verb or a package). */
const VALUE_OPTIONS = new Set([
  // apt-get, apk, dnf
  '-o',
  '-c',
  '-t',
  '--target-release',
  '-X',
  '--repository',
  '--root',
  '-p',
  '--arch',
  '--virtual',
  '--config',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--installroot',
  '--releasever',
  // pip
  '-r',
  '--requirement',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--trusted-host',
  '-f',
  '--find-links',
  '--target',
  '--prefix',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--only-binary',
  '--no-binary',
  '--upgrade-strategy',
  '--proxy',
  '--cert',
  '--client-cert',
  '--src',
  '--log',
  '--timeout',
  '--retries',
  '--progress-bar',
  '--root-user-action',
  '--cache-dir',
  // npm, gem
  '--registry',
  '--cache',
  '--tag',
  '-v',
  '--version',
  '--install-dir',
  '--bindir',
  '--source',
]);

/** Read once per RUN: shellOf gives the same command list each time, and several rules ask. */
const read = keptOn<readonly Command[], PackageCommand[]>('package commands');

export function packageCommands(cmds: readonly Command[]): PackageCommand[] {
  const cached = read.get(cmds);
  if (cached) return cached;
  const out: PackageCommand[] = [];
  for (const c of cmds) {
    const p = program(c);
    if (!p) continue;
    let name = baseName(p.word.text);
    let rest = c.words.slice(p.index + 1);
    // python -m pip install ...
    if (/^python\d*(\.\d+)?$/.test(name) && rest[0]?.text === '-m' && /^pip\d*$/.test(rest[1]?.text ?? '')) {
      name = 'pip';
      rest = rest.slice(2);
    }
    const manager = PROGRAMS[name];
    if (!manager) continue;
    let v = 0;
    const options: Word[] = [];
    while (v < rest.length && rest[v].text.startsWith('-')) {
      options.push(rest[v]);
      if (VALUE_OPTIONS.has(rest[v].text)) v++;
      v++;
    }
    const verbWord = rest[v];
    if (!verbWord || !VERBS[manager].has(verbWord.text)) continue;
    const operands: Word[] = [];
    for (let k = v + 1; k < rest.length; k++) {
      const w = rest[k];
      if (w.text.startsWith('-')) {
        options.push(w);
        if (VALUE_OPTIONS.has(w.text)) k++;
      } else operands.push(w);
    }
    out.push({ manager, verb: verbWord.text, verbWord, command: c, options, operands });
  }
  read.set(cmds, out);
  return out;
}

/** Is this the installing verb of its manager? */
export function isInstall(p: PackageCommand): boolean {
  return (
    p.verb === 'install' ||
    p.verb === 'in' ||
    (p.manager === 'apk' && p.verb === 'add') ||
    (p.manager === 'npm' && (p.verb === 'i' || p.verb === 'add'))
  );
}
