import * as assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/config/config';
import { mapped } from '../../server/src/engine/model/shell/parse';
import { parseScript } from '../../server/src/engine/model/shell/commands';
import type { Finding } from '../../server/src/engine/types';

const strict = () => ({ ...defaultConfig(), profile: 'strict' as const });
const grants = (text: string): Finding[] =>
  lint('/p/deploy.sh', `#!/bin/bash\n${text}`, { config: strict() }).findings.filter((f) =>
    ['run/privileged', 'run/host-network', 'run/host-pid', 'run/cap-add', 'run/docker-socket'].includes(f.ruleId),
  );
/** `ruleId@line:column` (1-based lines of the script after its shebang line, as the editor shows them). */
const where = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`);

describe('command lines: arrays, functions and wrapper calls, as a reader follows them', () => {
  it('an array of literal flags, expanded with "${opts[@]}": each element is a word; related information at it', () => {
    const fs = grants('opts=(--rm --privileged --net=host)\ndocker run "${opts[@]}" alpine:3.20\n');
    assert.deepEqual(where(fs).sort(), ['run/host-network@3:12', 'run/privileged@3:12']);
    assert.deepEqual(
      fs[0].related?.map((r) => [r.range.start.line + 1, r.message]),
      [[2, 'the value is assigned here']],
    );
  });

  it('elements added with += (even under a condition) count; declare -a and local too', () => {
    assert.deepEqual(
      where(grants('args=()\nif [ -n "$DEBUG" ]; then args+=(--pid=host); fi\ndocker run "${args[@]}" alpine:3.20\n')),
      ['run/host-pid@4:12'],
    );
    assert.deepEqual(
      where(grants('f() {\n  local -a o=(--cap-add SYS_ADMIN)\n  docker run "${o[@]}" alpine:3.20\n}\n')),
      ['run/cap-add@4:14'],
    );
  });

  it('an array that is also assigned otherwise is unknown: nothing is flagged', () => {
    assert.deepEqual(grants('o=(--privileged)\no=$(cat flags)\ndocker run "${o[@]}" alpine:3.20\n'), []);
    assert.deepEqual(grants('o=(--privileged)\no=(--rm)\ndocker run "${o[@]}" alpine:3.20\n'), []);
  });

  it('an unknown element keeps its place; the known ones around it are read (over several lines too)', () => {
    assert.deepEqual(where(grants('o=(--privileged --name "$X")\ndocker run "${o[@]}" alpine:3.20\n')), [
      'run/privileged@3:12',
    ]);
    // an unknown element may be a flag's value: reading goes on after it
    assert.deepEqual(where(grants('o=(--name "$n" --privileged)\ndocker run "${o[@]}" alpine:3.20\n')), [
      'run/privileged@3:12',
    ]);
    const multi = grants(
      'cmd=(\n\t--detach\n\t--privileged # for dind\n\t"$image"\n)\ncid="$(docker run "${cmd[@]}")"\n',
    );
    assert.deepEqual(where(multi), ['run/privileged@7:19']);
  });

  it('an assignment that holds the array itself adds to it; related information stays at the first', () => {
    const fs = grants(
      'cmd=(--privileged "$image")\ncase "$image" in\n  *dind*) cmd=(--entrypoint dind "${cmd[@]}" x) ;;\nesac\n' +
        'docker run "${cmd[@]}"\n',
    );
    assert.deepEqual(where(fs), ['run/privileged@6:12']);
    assert.deepEqual(
      fs[0].related?.map((r) => r.range.start.line + 1),
      [2],
    );
  });

  it('a string variable with unknown parts: its literal fields are flags, split as the shell splits them', () => {
    assert.deepEqual(where(grants('OPTS="--net=host -e HOST=$HOST"\ndocker run $OPTS alpine:3.20\n')), [
      'run/host-network@3:12',
    ]);
    // quoted, it is one word with an unknown part: not read
    assert.deepEqual(grants('OPTS="--net=host -e HOST=$HOST"\ndocker run "$OPTS" alpine:3.20\n'), []);
  });

  it('a grant a variable holds is reported once, at its first use; the other uses are related information', () => {
    const fs = grants('O=--privileged\ndocker run $O a:1\ndocker run $O b:1\ndocker run --privileged c:1\n');
    assert.deepEqual(where(fs), ['run/privileged@3:12', 'run/privileged@5:12']);
    assert.deepEqual(
      fs[0].related?.map((r) => [r.range.start.line + 1, r.message]),
      [
        [2, 'the value is assigned here'],
        [4, 'also used here'],
      ],
    );
  });

  it('an engine variable set to docker in one branch and podman in another is an engine', () => {
    const text =
      'if command -v podman; then\n  docker="podman"\nelse\n  docker="docker"\nfi\n${docker} run --privileged a:1\n';
    assert.deepEqual(where(grants(text)), ['run/privileged@7:15']);
    assert.deepEqual(grants('if x; then d=docker; else d=echo; fi\n$d run --privileged a:1\n'), []);
  });

  it('a wrapper function: the call\'s words stand for "$@", the finding is at the call', () => {
    const fs = grants('drun() { docker run --rm "$@"; }\ndrun --cap-add SYS_ADMIN alpine:3.20\n');
    assert.deepEqual(where(fs), ['run/cap-add@3:6']);
    const multi = grants(
      'function dk {\n  echo starting\n  docker run --rm "$@"\n}\ndk -v /var/run/docker.sock:/var/run/docker.sock img:1\n',
    );
    assert.deepEqual(where(multi), ['run/docker-socket@6:4']);
  });

  it("a flag in the wrapper's own body is reported once, however often it is called", () => {
    const fs = grants('drun() {\n  docker run --privileged "$@"\n}\ndrun a:1\ndrun b:1\n');
    assert.deepEqual(where(fs), ['run/privileged@3:14']);
  });

  it('a function defined twice is not followed; a call with no words adds nothing', () => {
    assert.deepEqual(grants('d() { docker run "$@"; }\nd() { echo "$@"; }\nd --privileged alpine:3.20\n'), []);
  });

  it('$(flags) where the function echoes literals: its output, with related information at the function', () => {
    const fs = grants('flags() { echo "--privileged"; }\ndocker run $(flags) alpine:3.20\n');
    assert.deepEqual(where(fs), ['run/privileged@3:12']);
    assert.deepEqual(
      fs[0].related?.map((r) => r.range.start.line + 1),
      [2],
    );
    assert.deepEqual(grants('flags() { echo "$1"; }\ndocker run $(flags --privileged) alpine:3.20\n'), []);
  });

  it('bounded: thousands of wrapper calls add at most 2,000 commands', () => {
    const text = 'w() { docker run "$@"; }\n' + 'w --rm a:1\n'.repeat(5_000);
    const cmds = parseScript(mapped(text, 0));
    assert.ok(cmds.length <= 5_000 + 3 + 2_000, String(cmds.length));
    assert.ok(cmds.length > 5_000, 'the calls are read');
  });
});

describe('command lines: docker compose run and docker service create start containers too', () => {
  const all = (text: string) =>
    lint('/p/ops.sh', `#!/bin/sh\n${text}`, { config: strict() })
      .findings.filter((f) => !/(limit|digest|healthcheck|read-only|no-new|cap-drop|hardening)/.test(f.ruleId))
      .map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`);

  it('compose run: its own options (before and after run) are skipped, the service is no image', () => {
    assert.deepEqual(all('docker compose -f prod.yml -p app run --rm -T --cap-add SYS_ADMIN web sh\n'), [
      'run/cap-add@2:47',
    ]);
    assert.deepEqual(all('docker-compose --project-name x run --service-ports -v /var/run/docker.sock:/s web\n'), [
      'run/docker-socket@2:53',
    ]);
    assert.deepEqual(
      all('docker compose run web echo hi\ndocker compose up -d\n'),
      [],
      'no image-tag on a service name',
    );
  });

  it('service create: --mount and --network host, its own options skipped', () => {
    assert.deepEqual(
      all(
        'docker service create --with-registry-auth --mount type=bind,src=/var/run/docker.sock,dst=/s --network host nginx:latest\n',
      ),
      ['run/docker-socket@2:44', 'run/host-network@2:94'],
    );
  });
});

describe('Markdown: blocks without a language, and fences inside list items (strict)', () => {
  const md = (text: string) =>
    lint('/p/README.md', text, { config: strict() })
      .findings.filter((f) => f.ruleId === 'run/privileged')
      .map((f) => `${f.range.start.line + 1}:${f.severity}`);
  it('a fence with no language holds commands as often as output: read', () => {
    assert.deepEqual(md('# Run\n\n```\n$ docker run --privileged alpine:3.20\n```\n'), ['4:info']);
  });
  it('a fence indented inside a list item is read; a json block is not', () => {
    assert.deepEqual(md('1. Start it:\n\n   ```sh\n   docker run --privileged alpine:3.20\n   ```\n'), ['4:info']);
    assert.deepEqual(md('```json\n{ "run": "docker run --privileged x" }\n```\n'), []);
  });
});

describe('here-documents that write the daemon configuration are read as that file', () => {
  const daemon = (text: string) =>
    lint('/p/setup.sh', text, { config: strict() }).findings.filter((f) => f.ruleId.startsWith('daemon/'));
  it('cat > /etc/docker/daemon.json <<EOF: the daemon rules, at the lines of the script', () => {
    const text =
      '#!/bin/bash\ncat > /etc/docker/daemon.json <<EOF\n{\n  "hosts": ["tcp://0.0.0.0:2375"],\n' +
      '  "log-driver": "json-file"\n}\nEOF\necho done\n';
    const fs = daemon(text).filter((f) => f.ruleId === 'daemon/tcp-without-tls');
    assert.deepEqual(
      fs.map((f) => [f.range.start.line + 1, f.range.start.character + 1]),
      [[4, 13]],
    );
  });
  it("sudo tee a docker.service.d drop-in <<-'UNIT' (tabs stripped): ExecStart read as the unit", () => {
    const text =
      "#!/bin/sh\nsudo tee /etc/systemd/system/docker.service.d/override.conf <<-'UNIT'\n\t[Service]\n\tExecStart=\n" +
      '\tExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n\tUNIT\n';
    assert.deepEqual(
      daemon(text).map((f) => `${f.ruleId}@${f.range.start.line + 1}`),
      ['daemon/tcp-without-tls@5'],
    );
  });
  it('another file, or a here-document never closed, is not read as a daemon configuration', () => {
    assert.deepEqual(daemon('#!/bin/sh\ncat > /tmp/x.json <<EOF\n{ "hosts": ["tcp://0.0.0.0:2375"] }\nEOF\n'), []);
    assert.deepEqual(
      daemon('#!/bin/sh\ncat > /etc/docker/daemon.json <<EOF\n{ "hosts": ["tcp://0.0.0.0:2375"] }\n'),
      [],
    );
  });
});
