import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mapped, parseShell, type Command } from '../../server/src/engine/model/shell/parse';
import { parseScript } from '../../server/src/engine/model/shell/commands';
import { UNKNOWN } from '../../server/src/engine/model/container';
import { runFlags, runImage, runInvocation } from '../../server/src/engine/model/dockerRun';

const U = UNKNOWN;

/** Each command's words as `value` (with `?` for a word that is not known), written at [start, end). */
function shape(text: string, cmds: Command[]): string[][] {
  return cmds.map((c) => c.words.map((w) => `${w.known ? '' : '?'}${w.value}@${text.slice(w.start, w.end)}`));
}

describe('shell words as a POSIX shell splits them', () => {
  const cases: {
    name: string;
    text: string;
    want: string[][];
    make?: boolean;
    makeVars?: Map<string, string>;
    templates?: boolean;
  }[] = [
    {
      name: 'plain words',
      text: 'docker run -it alpine',
      want: [['docker@docker', 'run@run', '-it@-it', 'alpine@alpine']],
    },
    {
      name: 'line continuations join one command',
      text: 'docker run \\\n  --privileged \\\n  alpine',
      want: [['docker@docker', 'run@run', '--privileged@--privileged', 'alpine@alpine']],
    },
    {
      name: 'quotes are removed, ranges keep them',
      text: `echo "a b" 'c d' e"f"g`,
      want: [['echo@echo', 'a b@"a b"', "c d@'c d'", 'efg@e"f"g']],
    },
    {
      name: 'escapes outside and inside double quotes',
      text: 'echo a\\ b "x\\"y" "\\n"',
      want: [['echo@echo', 'a b@a\\ b', 'x"y@"x\\"y"', '\\n@"\\n"']],
    },
    {
      name: '= forms and bundled short flags stay one word',
      text: 'docker run --cap-add=SYS_ADMIN -eFOO=bar x',
      want: [['docker@docker', 'run@run', '--cap-add=SYS_ADMIN@--cap-add=SYS_ADMIN', '-eFOO=bar@-eFOO=bar', 'x@x']],
    },
    {
      name: 'chains: && || ; | & and newlines',
      text: 'a && b || c; d | e & f\ng',
      want: [['a@a'], ['b@b'], ['c@c'], ['d@d'], ['e@e'], ['f@f'], ['g@g']],
    },
    {
      name: '$(...) is its own command; the outer word is unknown',
      text: 'ID=$(docker run --privileged alpine)',
      want: [
        ['docker@docker', 'run@run', '--privileged@--privileged', 'alpine@alpine'],
        [`?ID=${U}@ID=$(docker run --privileged alpine)`],
      ],
    },
    {
      name: '$(pwd), $PWD and $HOME are read',
      text: 'docker run -v "$(pwd)":/src -v $HOME/.ssh:/k -v ${PWD}:/w x',
      want: [
        ['pwd@pwd'],
        [
          'docker@docker',
          'run@run',
          '-v@-v',
          '.:/src@"$(pwd)":/src',
          '-v@-v',
          '~/.ssh:/k@$HOME/.ssh:/k',
          '-v@-v',
          '.:/w@${PWD}:/w',
          'x@x',
        ],
      ],
    },
    {
      name: 'backquotes',
      text: 'docker run -v `pwd`:/src x',
      want: [['pwd@pwd'], ['docker@docker', 'run@run', '-v@-v', '.:/src@`pwd`:/src', 'x@x']],
    },
    {
      name: 'unknown variables, special parameters and arithmetic',
      text: 'docker run $FLAGS "$@" $((1+2)) ${X:-y} x',
      want: [['docker@docker', 'run@run', `?${U}@$FLAGS`, `?${U}@"$@"`, `?${U}@$((1+2))`, `?${U}@\${X:-y}`, 'x@x']],
    },
    {
      name: 'a variable assigned one literal in the file is read',
      text: 'OPTS=--privileged\nIMG="alpine:3"\ndocker run $OPTS $IMG',
      want: [
        ['OPTS=--privileged@OPTS=--privileged'],
        ['IMG=alpine:3@IMG="alpine:3"'],
        ['docker@docker', 'run@run', '--privileged@$OPTS', 'alpine:3@$IMG'],
      ],
    },
    {
      name: 'a variable assigned twice stays unknown',
      text: 'O=a\nO=b\necho $O',
      want: [['O=a@O=a'], ['O=b@O=b'], ['echo@echo', `?${U}@$O`]],
    },
    {
      name: 'comments, and # inside a word',
      text: 'docker run x # --privileged\necho a#b',
      want: [
        ['docker@docker', 'run@run', 'x@x'],
        ['echo@echo', 'a#b@a#b'],
      ],
    },
    {
      name: 'redirections and their targets are not words; IO numbers go with them',
      text: 'docker run x > /dev/null 2>&1 <in',
      want: [['docker@docker', 'run@run', 'x@x']],
    },
    {
      name: 'here-documents are skipped to their delimiter',
      text: "cat <<'EOF' > f\ndocker run --privileged x\nEOF\ndocker run y",
      want: [['cat@cat'], ['docker@docker', 'run@run', 'y@y']],
    },
    {
      name: 'subshells, braces and reserved words',
      text: '(cd a && docker run x); if true; then sudo docker run y; fi',
      want: [
        ['cd@cd', 'a@a'],
        ['docker@docker', 'run@run', 'x@x'],
        ['if@if', 'true@true'],
        ['then@then', 'sudo@sudo', 'docker@docker', 'run@run', 'y@y'],
        ['fi@fi'],
      ],
    },
    {
      name: 'Makefile recipes: $$ is the shell, $(X) is make',
      make: true,
      text: 'docker run $(FLAGS) -v $$(pwd):/s $$HOME x',
      want: [
        ['pwd@pwd'],
        ['docker@docker', 'run@run', `?${U}@$(FLAGS)`, '-v@-v', '.:/s@$$(pwd):/s', '~@$$HOME', 'x@x'],
      ],
    },
    {
      name: 'make variables from the Makefile and the working folder',
      make: true,
      makeVars: new Map([['OPTS', '--rm -it']]),
      text: 'docker run $(OPTS) -v $(CURDIR):/s ${X} x',
      want: [
        ['docker@docker', 'run@run', '--rm@$(OPTS)', '-it@$(OPTS)', '-v@-v', '.:/s@$(CURDIR):/s', `?${U}@\${X}`, 'x@x'],
      ],
    },
    {
      name: 'GitHub expressions are unknown',
      templates: true,
      text: 'docker run -e T=${{ secrets.T }} x',
      want: [['docker@docker', 'run@run', '-e@-e', `?T=${U}@T=\${{ secrets.T }}`, 'x@x']],
    },
    {
      name: 'unterminated quotes and substitutions end at the end of the text',
      text: 'docker run "x $(y',
      want: [['y@y'], [`docker@docker`, 'run@run', `?x ${U}@"x $(y`]],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const m = mapped(c.text, 0);
      assert.deepEqual(
        shape(c.text, parseScript(m, { make: c.make, makeVars: c.makeVars, templates: c.templates })),
        c.want,
      );
    });

  it('records redirections', () => {
    const [cmd] = parseShell(mapped('echo sslverify=0 >> /etc/yum.conf 2>&1', 0));
    assert.deepEqual(cmd.redirects, [
      { op: '>>', target: '/etc/yum.conf' },
      { op: '>&', target: '1' },
    ]);
  });

  it('offsets through a mapped text (a file offset per character)', () => {
    const m = mapped('docker run x', 100);
    assert.deepEqual(
      parseShell(m)[0].words.map((w) => [w.start, w.end]),
      [
        [100, 106],
        [107, 110],
        [111, 112],
      ],
    );
  });

  it('property: words joined with any spacing, quoting and continuations come back with their ranges', () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9_.,:=@%+\/-]{1,8}$/).filter((s) => !s.startsWith('#'));
    const any = fc.stringMatching(/^[A-Za-z0-9 _.,:=@%+\/$`"'\\#*-]{0,8}$/);
    const word = fc.oneof(
      plain.map((v) => ({ v, written: v })),
      any.filter((v) => !v.includes("'")).map((v) => ({ v, written: `'${v}'` })),
      any.map((v) => ({ v, written: `"${v.replace(/[$`"\\]/g, (x) => `\\${x}`)}"` })),
    );
    const gap = fc.constantFrom(' ', '  ', '\t', ' \\\n  ', '\\\n ');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 12 }), (parts) => {
        let text = 'cmd';
        const want: { v: string; start: number; end: number }[] = [];
        for (const [w, g] of parts) {
          text += g;
          want.push({ v: w.v, start: text.length, end: text.length + w.written.length });
          text += w.written;
        }
        const cmds = parseShell(mapped(text, 0));
        assert.equal(cmds.length, 1, text);
        const got = cmds[0].words.slice(1);
        assert.deepEqual(
          got.map((w) => ({ v: w.value, start: w.start, end: w.end })),
          want,
          JSON.stringify(text),
        );
        assert.ok(got.every((w) => w.known));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a word that is one expansion with a default: its likely value (for a program name)', () => {
  const likely = (text: string) =>
    parseScript(mapped(text, 0)).map((c) => c.words.map((w) => `${w.value}${w.likely ? `~${w.likely}` : ''}`));
  const cases: [string, string, string[][]][] = [
    [
      'a default, quoted or not, with or without a colon',
      '${D:-docker} "${E-podman}" ${F:=x/y}',
      [[`${U}~docker`, `${U}~podman`, `${U}~x/y`]],
    ],
    [
      'not an alternate value, not a default with expansions or spaces',
      '${D:+docker} ${E:-$X} "${F:-a b}"',
      [[U, U, U]],
    ],
    ['not part of a longer word', 'x${D:-docker} ${D:-docker}y', [[`x${U}`, `${U}y`]]],
    [
      'a variable assigned such a default, used later',
      'D=${D:-docker}\n$D run\n"${D}" run',
      [[`D=${U}`], [`${U}~docker`, 'run'], [`${U}~docker`, 'run']],
    ],
    [
      'assigned two different defaults: none',
      'D=${D:-docker}\nD=${D:-podman}\n$D run',
      [[`D=${U}`], [`D=${U}`], [U, 'run']],
    ],
    ['a known value wins over a default', 'D=docker\n${D:-podman} x', [['D=docker'], ['docker', 'x']]],
    [
      'a known empty value: `:-` takes the default, `-` keeps it',
      'D=\n${D:-podman} "${D-podman}"',
      [['D='], ['podman', '']],
    ],
  ];
  for (const [name, text, want] of cases)
    it(name, () => {
      assert.deepEqual(likely(text), want);
    });
});

describe('docker run flags from command lines, with their ranges', () => {
  /** Each container start's flags as `name=value@written`, and its image. */
  const flagsOf = (text: string) =>
    parseScript(mapped(text, 0)).flatMap((cmd) => {
      const run = runInvocation(cmd);
      if (!run) return [];
      const words = run.args.map((w) => ({ text: w.value, site: w }));
      const opaque = (w: { text: string }) => w.text === UNKNOWN;
      const flags = runFlags(words, opaque);
      const at = (f: (typeof flags)[number]) => text.slice(f.words[0].site.start, f.words[f.words.length - 1].site.end);
      return [
        {
          verb: run.verb,
          flags: flags.map((f) => `${f.name}=${f.value ?? ''}@${at(f)}`),
          image: runImage(words, flags, opaque)?.text,
        },
      ];
    });
  const cases: { name: string; text: string; want: { verb: string; flags: string[]; image?: string }[] }[] = [
    {
      name: 'continuations, = forms, two-word flags, the image boundary',
      text: 'docker run \\\n  --cap-add=SYS_ADMIN \\\n  -v /a:/b \\\n  img:1 --privileged\n',
      want: [
        {
          verb: 'docker run',
          flags: ['cap-add=SYS_ADMIN@--cap-add=SYS_ADMIN', 'volume=/a:/b@-v /a:/b'],
          image: 'img:1',
        },
      ],
    },
    {
      name: 'bundled short flags: booleans, then one that takes the rest or the next word',
      text: 'docker run -itd -p8080:80 -eA=b -u 0 img\n',
      want: [
        {
          verb: 'docker run',
          flags: [
            'interactive=@-itd',
            'tty=@-itd',
            'detach=@-itd',
            'publish=8080:80@-p8080:80',
            'env=A=b@-eA=b',
            'user=0@-u 0',
          ],
          image: 'img',
        },
      ],
    },
    {
      name: 'quotes, sudo with options, podman, docker container create, global options',
      text: 'sudo -E docker -H ssh://h container create --security-opt "seccomp=unconfined" img\npodman run --privileged x\n',
      want: [
        {
          verb: 'docker create',
          flags: ['security-opt=seccomp=unconfined@--security-opt "seccomp=unconfined"'],
          image: 'img',
        },
        { verb: 'podman run', flags: ['privileged=@--privileged'], image: 'x' },
      ],
    },
    {
      name: 'inside $(...) and a chain; an unknown word is neither a flag nor the image',
      text: 'cd x && id=$(docker run -d $OPTS --net host img) || true\n',
      want: [{ verb: 'docker run', flags: ['detach=@-d', 'network=host@--net host'], image: 'img' }],
    },
    {
      name: 'not container starts (exec and build are engine commands: rules/command/)',
      text: 'docker exec --privileged c sh\ndocker compose up web\ndocker build -t x .\necho docker run --privileged\n',
      want: [],
    },
    {
      name: 'docker compose run starts a container of a service (the word after its flags is the service)',
      text: 'docker compose -p app run -T --rm web\n',
      want: [{ verb: 'docker compose run', flags: ['rm=@--rm'], image: 'web' }],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(flagsOf(c.text), c.want));
});
