import { shellOf } from '../../sources/dockerfile/model';
import { program } from '../../sources/dockerfile/shell';
import type { DockerfileRule } from '../rule';

/** Does a chmod mode give write permission to others? (sticky-bit dirs such as 1777 are fine) */
export function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const m = mode.length === 4 ? mode : '0' + mode;
    const special = Number(m[0]);
    const others = Number(m[3]);
    return (others & 2) !== 0 && (special & 1) === 0;
  }
  return mode.split(',').some((clause) => {
    const x = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    return !!x && (x[1].includes('o') || x[1].includes('a')) && x[2] !== '-' && x[3].includes('w');
  });
}

export const rule: DockerfileRule = {
  meta: {
    id: 'dockerfile/world-writable',
    kind: 'dockerfile',
    title: 'World-writable permissions',
    severity: 'warning',
    quadrant: 'configuration-profile',
    description:
      'Flags `chmod` that makes files writable by everyone (`777`, `-R 777`, `666`, `o+w`, `a+rwx`...) and ' +
      '`COPY`/`ADD --chmod=777`. Sticky-bit modes such as `1777` for shared temp dirs are fine.',
    why:
      'Any process in the container, whatever its user, can then replace binaries, scripts or configuration: a ' +
      'foothold as an unprivileged user becomes control of what root runs.',
    howToFix: 'Give ownership to the user that needs to write (`--chown`, `chown`) and use modes such as 755/644.',
    cwe: ['CWE-732'],
    references: ['https://docs.docker.com/reference/dockerfile/#copy---chmod'],
    examples: {
      bad: [
        'FROM alpine:3.20\nRUN chmod -R 777 /app\nUSER 10001\n',
        'FROM alpine:3.20\nCOPY --chmod=777 run.sh /\nUSER 10001\n',
      ],
      good: ['FROM alpine:3.20\nRUN chmod 755 /app && chmod 1777 /scratch\nCOPY --chmod=755 run.sh /\nUSER 10001\n'],
    },
  },
  check(ctx) {
    const m = ctx.model;
    for (const i of m.instructions) {
      if (i.keyword === 'COPY' || i.keyword === 'ADD') {
        for (const f of i.flags)
          if (f.name === 'chmod' && f.value && worldWritable(f.value))
            ctx.report({
              start: f.start,
              end: f.end,
              message:
                `${i.keyword} --chmod=${f.value} makes the files writable by every user in the container. Use ` +
                `755/644 and --chown.`,
            });
      }
      if (i.keyword !== 'RUN') continue;
      for (const c of shellOf(m, i)) {
        const p = program(c);
        if (!p || p.word.text !== 'chmod') continue;
        const mode = c.words.slice(p.index + 1).find((w) => !/^-[A-Za-z]+$/.test(w.text) && !w.text.startsWith('--'));
        if (mode && worldWritable(mode.text))
          ctx.report({
            start: p.word.start,
            end: mode.end,
            message:
              `chmod ${mode.text} makes files writable by every user in the container. Use 755/644 and give ` +
              `ownership to the user that writes.`,
          });
      }
    }
  },
};
