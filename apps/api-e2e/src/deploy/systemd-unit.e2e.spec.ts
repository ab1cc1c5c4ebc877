import { freePort, startServer, WORKSPACE } from '@herald/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { call } from '../support/http';
import { requiredTool } from '../support/required-tool';
import { readUnitFile, seconds } from '../support/unit-file';

const DIR = resolve(WORKSPACE, 'deploy/systemd');
const unit = readUnitFile(join(DIR, 'herald.service'));
const service = unit['Service'];
const settings = Object.fromEntries(
  Object.entries(readUnitFile(join(DIR, 'herald.env.example'))['']).map(([key, [value]]) => [key, value]),
);
/** The settings Herald documents (the README's "Configuration" table), with their defaults. */
const configuration = readFileSync(resolve(WORKSPACE, 'README.md'), 'utf8').matchAll(/^\| `([A-Z_]+)` +\| `?([^|`]*?)`? +\|/gm);
const documented = new Map([...configuration].map((row) => [row[1], row[2]]));
const setting = (key: string) => settings[key] ?? documented.get(key)!;

describe('the systemd unit (deploy/systemd/herald.service)', () => {
  it('runs Node.js as a dedicated user, with its data in the StateDirectory and a stop timeout above the drain', () => {
    expect(service['User']).toEqual(['herald']);
    expect(service['ExecStart']).toEqual(['/usr/bin/node dist/apps/api/main.js']);
    expect(service['StateDirectory']).toEqual(['herald']);
    expect(service['Environment']).toContain('HERALD_STORE=sqlite:/var/lib/herald/herald.db');
    expect(settings['HERALD_STORE']).toMatch(/^sqlite:\/var\/lib\/herald\//);
    expect(seconds(service['TimeoutStopSec'][0])).toBeGreaterThan(Number(setting('SHUTDOWN_TIMEOUT_MS')) / 1000);
    expect(Number(service['LimitNOFILE'][0])).toBeGreaterThan(Number(setting('MAX_CONNECTIONS')));
  });

  it('is hardened: no privileges, a read-only system, no home folders', () => {
    for (const [key, value] of Object.entries({
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      NoNewPrivileges: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      CapabilityBoundingSet: '',
    })) {
      expect([key, service[key]]).toEqual([key, [value]]);
    }
  });

  it('documents only settings Herald has, with values it starts with', async () => {
    for (const key of Object.keys(settings)) expect([key, documented.has(key)]).toEqual([key, true]);
    const data = mkdtempSync(join(tmpdir(), 'herald-unit-'));
    const server = await startServer({ ...settings, HERALD_STORE: `sqlite:${join(data, 'herald.db')}`, PORT: String(await freePort()) });
    try {
      expect((await call(`${server.url}/api/health/ready`)).status).toBe(200);
    } finally {
      await server.stop();
      rmSync(data, { recursive: true, force: true });
    }
  });
});

const describeWithSystemd = requiredTool(
  spawnSync('systemd-analyze', ['--version']).status === 0,
  'systemd-analyze verify',
  "systemd-analyze is missing: install Debian's systemd (apt-get install systemd).",
)
  ? describe
  : describe.skip;

describeWithSystemd('systemd-analyze on the unit', () => {
  let dir: string;
  let copy: string;

  beforeAll(() => {
    // verify checks that ExecStart's program exists: point it at the Node.js 24 the tests run on.
    dir = mkdtempSync(join(tmpdir(), 'herald-systemd-'));
    copy = join(dir, 'herald.service');
    writeFileSync(
      copy,
      readFileSync(join(DIR, 'herald.service'), 'utf8').replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies without a warning', () => {
    const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes('herald'))).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('rates the exposure of the service OK or better', () => {
    const result = spawnSync('systemd-analyze', ['security', '--offline=yes', copy], { encoding: 'utf8' });
    const [, score, level] = /Overall exposure level for herald\.service: ([\d.]+) (\w+)/.exec(result.stdout) ?? [];
    expect(['SAFE', 'OK']).toContain(level);
    expect(Number(score)).toBeLessThan(2);
  });

  it('creates its system user from the sysusers file', () => {
    const root = mkdtempSync(join(tmpdir(), 'herald-sysusers-'));
    try {
      const result = spawnSync('systemd-sysusers', ['--dry-run', `--root=${root}`, join(DIR, 'herald.sysusers')], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(result.stderr + result.stdout).toMatch(/Creating user '?herald'?/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
