import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/config/config';
import { detectKind } from '../../server/src/engine/kind';
import { commandLineContainers } from '../../server/src/engine/sources/commandline/container';
import { mapped } from '../../server/src/engine/model/shell/parse';
import { parseScript } from '../../server/src/engine/model/shell/commands';
import { applyEdits, LineIndex } from '../../server/src/engine/text';

const strict = () => ({ ...defaultConfig(), profile: 'strict' as const });

describe('command lines: where a value comes from, and which files hold them', () => {
  it('a flag from a shell variable is reported where it is used, with its assignment as related information', () => {
    const text = '#!/bin/sh\nOPTS="--rm --privileged"\ndocker run $OPTS alpine:3.20\n';
    const [f] = lint('/p/run.sh', text).findings.filter((x) => x.ruleId === 'run/privileged');
    assert.ok(f, 'finding');
    assert.deepEqual([f.range.start.line, f.range.start.character], [2, 11]);
    assert.deepEqual(
      f.related?.map((r) => [r.range.start.line, r.range.start.character, r.range.end.character, r.message]),
      [[1, 0, 24, 'the value is assigned here']],
    );
    assert.deepEqual(f.fixes ?? [], [], 'no fix: the text lives in the assignment');
  });

  it('a make variable: the same, at its assignment line', () => {
    const text = 'D := docker run --privileged\n\nt:\n\t$(D) alpine:3.20\n';
    const [f] = lint('/p/Makefile', text).findings.filter((x) => x.ruleId === 'run/privileged');
    assert.ok(f, 'finding');
    assert.equal(f.range.start.line, 3);
    assert.deepEqual(
      f.related?.map((r) => r.range.start.line),
      [0],
    );
  });

  it("a dev container's initializeCommand (on the host) and an escaped command are read as command lines", () => {
    const text =
      '{\n  "image": "mcr.microsoft.com/devcontainers/base:ubuntu-24.04",\n' +
      '  "initializeCommand": "docker run --rm -v /:/host alpine:3.20 true",\n' +
      '  "postAttachCommand": "docker run --rm --cap-add \\"SYS_ADMIN\\" alpine:3.20 true"\n}\n';
    const r = lint('/p/.devcontainer/devcontainer.json', text, { config: { ...defaultConfig(), profile: 'strict' } });
    const found = r.findings.map((f) => [f.ruleId, f.range.start.line]);
    assert.deepEqual(
      found.filter(([id]) => String(id).startsWith('run/')),
      [
        ['run/sensitive-host-mount', 2],
        ['run/cap-add', 3],
      ],
    );
    const cap = r.findings.find((f) => f.ruleId === 'run/cap-add');
    assert.deepEqual(cap?.fixes ?? [], [], 'an escaped JSON string maps approximately: no edit is offered');
  });

  it('a flag written on the command line has no related information', () => {
    const [f] = lint('/p/run.sh', 'docker run --privileged x\n').findings;
    assert.equal(f.related, undefined);
  });

  it('which files are command lines: by name, and a file without an extension by its sh/bash shebang', () => {
    assert.equal(detectKind('/p/scripts/ci.sh', ''), 'run');
    assert.equal(detectKind('/p/Makefile', ''), 'run');
    assert.equal(detectKind('/p/.github/workflows/ci.yml', ''), 'run');
    assert.equal(detectKind('/p/ci.yml', '', false), undefined);
    assert.equal(detectKind('/p/README.md', ''), 'run');
    assert.equal(detectKind('/p/bin/deploy', '#!/usr/bin/env bash\ndocker run x\n', true), 'run');
    assert.equal(detectKind('/p/bin/deploy', '#!/usr/bin/env python3\n', true), undefined);
    assert.equal(detectKind('/p/bin/deploy', '#!/bin/sh\n', false), 'run');
    assert.equal(detectKind('/p/bin/deploy', 'docker run --privileged x\n', false), undefined);
    // a name with an extension says what the file is: a shebang does not make a Python file a shell script
    assert.equal(detectKind('/p/bin/deploy.py', '#!/bin/sh\n', false), undefined);
    // a leading dot is part of the name: `.dockerfunc` with a shell's #! is a script, `.env.local` is not
    assert.equal(detectKind('/p/.dockerfunc', '#!/bin/bash\ndocker run x\n', true), 'run');
    assert.equal(detectKind('/p/.env.local', '#!/bin/sh\n', false), undefined);
    // the files a shell reads at start-up, whatever their first line
    assert.equal(detectKind('/home/me/.bashrc', 'alias d=docker\n', false), 'run');
    assert.equal(detectKind('/home/me/.bash_aliases', '', false), 'run');
  });

  it('a make variable built of others: expanded as far as known, unknown parts left out of the words', () => {
    const text =
      'DOCKER ?= docker\nFLAGS := $(DOCKER) run --rm --privileged $(if $(N),--name $(N),) $(ENVS)\n' +
      'RUN := $(FLAGS) "$(IMAGE)"\n\nbuild:\n\t$(RUN) make\ntest:\n\t$(RUN) make test\n';
    const fs = lint('/p/Makefile', text).findings.filter((x) => x.ruleId === 'run/privileged');
    assert.deepEqual(
      fs.map((f) => [f.range.start.line, f.related?.map((r) => [r.range.start.line, r.message])]),
      [
        [
          5,
          [
            [2, 'the value is assigned here'],
            [7, 'also used here'],
          ],
        ],
      ],
    );
    // a variable that only holds unknown parts is unknown: the program is not known to be docker
    assert.deepEqual(lint('/p/Makefile', 'A = $(B) $(C)\nt:\n\t$(A) run --privileged x:1\n').findings, []);
    // `A := $(A) x` (make's own value before, here none) keeps what it adds
    const self = lint('/p/Makefile', 'A := $(A) --privileged\nt:\n\tdocker run $(A) x:1\n').findings;
    assert.deepEqual(
      self.map((f) => f.ruleId),
      ['run/privileged'],
    );
  });

  it('Markdown: a prompt that names the user, host and folder is removed like `$ `', () => {
    const md = '```\nme@box:~/src$ docker run --privileged x:1\n```\n';
    const fs = lint('/p/README.md', md, { config: strict() }).findings;
    assert.deepEqual(
      fs.map((f) => [f.ruleId, f.range.start.line, f.range.start.character]),
      [['run/privileged', 1, 25]],
    );
  });

  it('Markdown: nothing in recommended; info in strict, in shell blocks only', () => {
    const md = '# Setup\n\n```bash\ndocker run --privileged x\n```\n\n```yaml\nprivileged: true\n```\n';
    assert.deepEqual(lint('/p/README.md', md).findings, []);
    const got = lint('/p/README.md', md, { config: strict() }).findings;
    assert.deepEqual(
      got.map((f) => [f.ruleId, f.severity, f.range.start.line]),
      [['run/privileged', 'info', 3]],
    );
  });

  it('a composite action: its run steps are command lines (a PowerShell step aside); other actions have none', () => {
    const composite =
      'name: up\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: docker run --privileged x\n' +
      '    - shell: pwsh\n      run: docker run --privileged y\n    - uses: actions/checkout@v4\n' +
      '    - shell: sh\n      run: |\n        docker run -v /var/run/docker.sock:/var/run/docker.sock ${{ inputs.image }}\n';
    assert.equal(detectKind('/p/.github/actions/up/action.yml', composite), 'run');
    assert.equal(detectKind('/p/action.yaml', ''), 'run');
    const got = lint('/p/.github/actions/up/action.yml', composite).findings;
    assert.deepEqual(
      got.map((f) => [f.ruleId, f.range.start.line]),
      [
        ['run/privileged', 5],
        ['run/docker-socket', 11],
      ],
    );
    // a JavaScript action has no steps of its own (steps under it are not run)
    const js = 'name: x\nruns:\n  using: node20\n  main: index.js\n  steps:\n    - run: docker run --privileged x\n';
    assert.deepEqual(lint('/p/action.yml', js).findings, []);
  });

  it('a workflow step with a PowerShell shell is not read as sh', () => {
    const wf =
      'jobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - shell: pwsh\n        run: docker run --privileged x\n      - run: docker run --privileged y\n';
    const got = lint('/p/.github/workflows/w.yml', wf).findings.filter((f) => f.ruleId === 'run/privileged');
    assert.deepEqual(
      got.map((f) => f.range.start.line),
      [6],
    );
  });
});

describe('command lines: every flag the runtime rules read is in the container model, with its place', () => {
  it('grants, namespaces, mounts, devices, user, env, ports, and the hardening flags', () => {
    const text =
      'docker run --privileged --cap-add SYS_ADMIN --cap-drop ALL --net=host --pid host --ipc=host --uts host ' +
      '--userns=host --cgroupns host --security-opt seccomp=unconfined -v /:/h --mount type=bind,src=/etc,dst=/e ' +
      '--device /dev/mem -u 0 -e A=b -p 80:80 -m 256m --cpus 1 --pids-limit 100 --read-only alpine:3.20 sh\n';
    const [c] = commandLineContainers('/p/run.sh', text, new LineIndex(text), parseScript(mapped(text, 0)));
    const at = (s: { site: unknown }) => {
      const x = s.site as { start: number; end: number };
      return text.slice(x.start, x.end);
    };
    assert.deepEqual(c.privileged.map(at), ['--privileged']);
    assert.deepEqual(c.capAdd.map(at), ['--cap-add SYS_ADMIN']);
    assert.deepEqual(
      Object.entries(c.namespaces).map(([k, v]) => [k, v && at(v)]),
      [
        ['network', '--net=host'],
        ['pid', '--pid host'],
        ['ipc', '--ipc=host'],
        ['uts', '--uts host'],
        ['userns', '--userns=host'],
        ['cgroup', '--cgroupns host'],
      ],
    );
    assert.deepEqual(c.securityOpts.map(at), ['--security-opt seccomp=unconfined']);
    assert.deepEqual(
      c.mounts.map((m) => [m.value.source, m.value.target, at(m)]),
      [
        ['/', '/h', '-v /:/h'],
        ['/etc', '/e', '--mount type=bind,src=/etc,dst=/e'],
      ],
    );
    assert.deepEqual(c.devices.map(at), ['--device /dev/mem']);
    assert.deepEqual(
      c.user.map((u) => u.value),
      ['0'],
    );
    assert.deepEqual(
      c.env.map((e) => [e.value.name, e.value.literal]),
      [['A', 'b']],
    );
    assert.deepEqual(
      c.ports.map((p) => [p.value.published, p.value.target]),
      [['80', '80']],
    );
    assert.equal(c.image?.value, 'alpine:3.20');
    const h = c.hardening!;
    assert.deepEqual(h.capDrop.map(at), ['--cap-drop ALL']);
    assert.deepEqual([h.readOnlyRoot?.value, at(h.readOnlyRoot!)], [true, '--read-only']);
    assert.deepEqual(
      [h.limits.memory.map(at), h.limits.cpus.map(at), h.limits.pids.map(at)],
      [['-m 256m'], ['--cpus 1'], ['--pids-limit 100']],
    );
  });
});

describe('command lines: fixes edit only what they can place exactly', () => {
  const fixed = (file: string, text: string, ruleId: string) => {
    const f = lint(file, text).findings.find((x) => x.ruleId === ruleId);
    assert.ok(f, ruleId);
    return (f.fixes ?? []).map((x) => applyEdits(text, x.edits));
  };
  it('inside sh -c "...": the flag is removed when the script is written as it reads', () => {
    const text = 'FROM docker:27\nRUN sh -c "docker run --oom-kill-disable x"\nUSER 1\n';
    assert.deepEqual(fixed('/p/Dockerfile', text, 'run/oom-kill-disable'), [
      'FROM docker:27\nRUN sh -c "docker run x"\nUSER 1\n',
    ]);
  });
  it('inside sh -c "..." with escapes the places are approximate: reported, no fix', () => {
    const text = 'FROM docker:27\nRUN sh -c "docker run --oom-kill-disable \\"x\\" true"\nUSER 1\n';
    assert.deepEqual(fixed('/p/Dockerfile', text, 'run/oom-kill-disable'), []);
  });
  it('a workflow volume in a flow list is removed with its comma', () => {
    const text =
      'jobs:\n  a:\n    container:\n      image: x\n      volumes: [/var/run/docker.sock:/var/run/docker.sock, /a:/b]\n';
    assert.deepEqual(fixed('/p/.github/workflows/a.yml', text, 'run/docker-socket'), [
      'jobs:\n  a:\n    container:\n      image: x\n      volumes: [/a:/b]\n',
    ]);
  });
});
