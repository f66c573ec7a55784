import * as assert from 'node:assert/strict';
import { PURPOSES, purposeOf } from '../../server/src/engine/vocabulary/purposes';
import { suppressionFixes } from '../../server/src/engine/config/suppress';
import { applyEdits } from '../../server/src/engine/text';
import { lint } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';

const host = { readFile: () => undefined, top: () => '/repo' };
const one = (file: string, text: string, id: string): Finding => {
  const fs = lint(file, text, { host }).findings.filter((f) => f.ruleId === id);
  assert.equal(fs.length, 1, `one ${id} in ${JSON.stringify(lint(file, text, { host }).findings)}`);
  return fs[0];
};
const svc = (image: string, body: string) => `services:\n  app:\n    image: ${image}\n${body}`;

describe('purpose knowledge: grants that well-known images need', () => {
  it('the table: at least 30 images, each entry with a grant, a purpose and its documentation page', () => {
    const images = new Set(PURPOSES.flatMap((p) => p.images.map((i) => i.replace(/^(lscr\.io|ghcr\.io)\//, ''))));
    assert.ok(images.size >= 30, `${images.size} images`);
    for (const p of PURPOSES) {
      assert.ok(p.grants.length && p.purpose && /^https:\/\/[^\s]+$/.test(p.docs), JSON.stringify(p));
      assert.ok(!/[.]$/.test(p.purpose) && !/[.]$/.test(p.safer ?? ''), 'texts end where the message goes on');
    }
  });

  it('looks images up by name, whatever the registry spelling, tag or digest', () => {
    assert.ok(purposeOf('traefik:v3.1', 'docker-socket'));
    assert.ok(purposeOf('docker.io/library/traefik@sha256:' + 'a'.repeat(64), 'docker-socket'));
    assert.ok(purposeOf('lscr.io/linuxserver/wireguard:latest', 'cap:NET_ADMIN'));
    assert.ok(purposeOf('koenkk/zigbee2mqtt', 'device:/dev/ttyUSB0'), 'a device prefix covers the device');
    assert.equal(purposeOf('traefik', 'privileged'), undefined, 'another grant than the documented one');
    assert.equal(purposeOf('acme/traefik', 'docker-socket'), undefined, 'another image of the same last name');
    assert.equal(purposeOf('${PROXY_IMAGE}', 'docker-socket'), undefined, 'an image the file does not name');
  });

  it('a safer way exists: the severity stays, the message says what for and the safer way', () => {
    const f = one(
      '/repo/compose.yaml',
      svc('traefik:v3.1', '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n'),
      'compose/docker-socket',
    );
    assert.equal(f.severity, 'error');
    assert.match(
      f.message,
      /traefik uses it to read the labels of running containers and route to them: a safer way: give it a socket proxy/,
    );
    assert.match(f.message, /\(https:\/\/doc\.traefik\.io\/traefik\/providers\/docker\/#docker-api-access\)\.$/);
  });

  it('no safer way: info (still in the Problems panel), with the purpose', () => {
    const f = one(
      '/repo/compose.yaml',
      svc('homeassistant/home-assistant:2024.6', '    network_mode: host\n'),
      'compose/host-network',
    );
    assert.equal(f.severity, 'info');
    assert.match(
      f.message,
      /homeassistant\/home-assistant uses it to discover devices on the local network .*: its documentation gives no safer way/,
    );
    const p = one(
      '/repo/compose.yaml',
      svc('portainer/portainer-ce:2.21', '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n'),
      'compose/docker-socket',
    );
    assert.equal(p.severity, 'info');
  });

  it('a service that replaces the image entrypoint runs something else: no purpose, the severity stays', () => {
    const f = one(
      '/repo/compose.yaml',
      svc(
        'portainer/portainer-ce:2.21',
        '    entrypoint: ["/bin/sh", "-c", "curl x | sh"]\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      ),
      'compose/docker-socket',
    );
    assert.equal(f.severity, 'error');
    assert.equal(f.ignoreReason, undefined);
  });

  it('privileged where a narrower grant does: the severity stays and the message names the device to pass', () => {
    const f = one(
      '/repo/compose.yaml',
      svc('ghcr.io/home-assistant/home-assistant:stable', '    privileged: true\n'),
      'compose/privileged',
    );
    assert.equal(f.severity, 'error');
    assert.match(
      f.message,
      /a safer way: pass the one device it uses \(devices: \/dev\/ttyUSB0\) instead of privileged mode/,
    );
  });

  it('capabilities and devices, on command lines and in dev containers too', () => {
    const c = one(
      '/repo/deploy.sh',
      '#!/bin/sh\ndocker run -d --cap-add=NET_ADMIN --device /dev/net/tun qmcgaw/gluetun:v3\n',
      'run/cap-add',
    );
    assert.match(c.message, /qmcgaw\/gluetun uses it to create the VPN tunnel/);
    const d = one(
      '/repo/compose.yaml',
      svc('jellyfin/jellyfin:10.9', '    devices:\n      - /dev/dri/renderD128:/dev/dri/renderD128\n'),
      'compose/devices',
    );
    assert.match(d.message, /jellyfin\/jellyfin uses it to transcode video on the GPU/);
  });

  it('an image the table does not know: the message is as before, no reason to offer', () => {
    const f = one('/repo/compose.yaml', svc('acme/app:1.0', '    network_mode: host\n'), 'compose/host-network');
    assert.equal(f.severity, 'error');
    assert.equal(f.ignoreReason, undefined);
    assert.doesNotMatch(f.message, /uses it to/);
  });

  it('"Ignore on this line" writes the purpose as the reason, and the comment suppresses the finding', () => {
    const text = svc('homeassistant/home-assistant:2024.6', '    network_mode: host\n');
    const f = one('/repo/compose.yaml', text, 'compose/host-network');
    const line = suppressionFixes('compose', new LineIndex(text), f).find((x) => x.title.endsWith('on this line'))!;
    const after = applyEdits(text, line.edits);
    assert.equal(
      after.split('\n')[3],
      '    # docker-security-lint ignore=compose/host-network -- homeassistant/home-assistant uses it to discover ' +
        'devices on the local network (mDNS, SSDP/UPnP, Bluetooth) (https://www.home-assistant.io/installation/linux#docker-compose)',
    );
    const again = lint('/repo/compose.yaml', after, { host }).findings;
    assert.ok(
      !again.some((x) => x.ruleId === 'compose/host-network' || x.ruleId.startsWith('meta/')),
      JSON.stringify(again),
    );
  });
});

describe('purpose knowledge: a safer way is said only for the grant it replaces', () => {
  it('netdata: the socket proxy for the socket, nothing about it beside pid: host', () => {
    const text = svc(
      'netdata/netdata:v1.47',
      '    pid: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
    );
    const pid = one('/repo/compose.yaml', text, 'compose/host-pid');
    assert.doesNotMatch(pid.message, /socket proxy/);
    assert.equal(pid.severity, 'info');
    assert.match(one('/repo/compose.yaml', text, 'compose/docker-socket').message, /a safer way: mount the socket/);
  });
  it('WireGuard: dropping SYS_MODULE is said for SYS_MODULE, not for NET_ADMIN', () => {
    const text = svc('lscr.io/linuxserver/wireguard:1.0', '    cap_add:\n      - NET_ADMIN\n      - SYS_MODULE\n');
    const caps = lint('/repo/compose.yaml', text, { host }).findings.filter((f) => f.ruleId === 'compose/cap-add');
    assert.equal(caps.length, 2);
    assert.doesNotMatch(caps[0].message, /SYS_MODULE/);
    assert.match(caps[1].message, /a safer way: load the wireguard kernel module on the host and drop SYS_MODULE/);
  });
});
