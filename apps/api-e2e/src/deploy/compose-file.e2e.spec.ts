import { WORKSPACE } from '@herald/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { argsOf, readDockerfile } from '../support/dockerfile';

const compose: Record<string, any> = parse(readFileSync(resolve(WORKSPACE, 'compose.yaml'), 'utf8'), { merge: true });
const services: Record<string, any> = compose['services'];
const [dataVolume] = JSON.parse(argsOf(readDockerfile().stages[1], 'VOLUME')[0]);
const inProfile = (profile: string | undefined) =>
  Object.keys(services).filter((name) => (profile ? services[name].profiles?.includes(profile) : !services[name].profiles));
const heraldServices = Object.keys(services).filter((name) => /^herald(-\d+)?$/.test(name));
/** `15s`, `1m30s` as seconds. */
const seconds = (span: string) =>
  [...span.matchAll(/(\d+)(h|m|s)/g)].reduce((sum, [, n, u]) => sum + Number(n) * { h: 3600, m: 60, s: 1 }[u]!, 0);

describe('compose.yaml', () => {
  it('starts one Herald by default, from this Dockerfile, with its data on a named volume', () => {
    expect(inProfile(undefined)).toEqual(['herald']);
    const herald = services['herald'];
    expect(herald.build).toBe('.');
    expect(herald.ports).toEqual(['3000:3000']);
    const [volume] = herald.volumes;
    expect(volume).toBe(`herald-data:${dataVolume}`);
    expect(compose['volumes']).toHaveProperty('herald-data');
  });

  it('gives every Herald more time to stop than its drain takes, and file descriptors for its streams', () => {
    for (const name of heraldServices) {
      const { stop_grace_period: grace, environment, ulimits } = services[name];
      expect([name, seconds(grace) > Number(environment.SHUTDOWN_TIMEOUT_MS) / 1000]).toEqual([name, true]);
      expect(ulimits.nofile.soft).toBeGreaterThanOrEqual(20000);
    }
  });

  it('scales out to two Herald instances on one Redis that keeps what it acknowledged', () => {
    expect(inProfile('scale-out').sort()).toEqual(['herald-1', 'herald-2', 'proxy', 'redis']);
    for (const name of ['herald-1', 'herald-2']) {
      expect(services[name].environment.HERALD_STORE).toBe('redis://redis:6379');
      expect(services[name].depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    }
    const redis = services['redis'];
    const option = (name: string) => redis.command[redis.command.indexOf(`--${name}`) + 1];
    expect(option('appendonly')).toBe('yes');
    expect(['always', 'everysec']).toContain(option('appendfsync'));
    expect(option('maxmemory-policy')).toBe('noeviction');
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(compose['volumes']).toHaveProperty('redis-data');
    expect(redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it("puts nginx in front with deploy/nginx as shipped, its upstreams pointed at the two instances' containers", () => {
    const proxy = services['proxy'];
    expect(proxy.volumes).toEqual(['./deploy/nginx:/etc/herald-nginx:ro']);
    const shipped = readFileSync(resolve(WORKSPACE, 'deploy/nginx/herald.conf'), 'utf8');
    const listen = /^\s*listen (\d+);/m.exec(shipped)![1];
    expect(proxy.ports).toEqual([`${listen}:${listen}`]);
    expect(proxy.depends_on).toEqual({ 'herald-1': { condition: 'service_healthy' }, 'herald-2': { condition: 'service_healthy' } });

    // The proxy's own start-up command, on this machine's copy of deploy/nginx, up to starting nginx.
    const dir = mkdtempSync(join(tmpdir(), 'herald-compose-'));
    try {
      const script = (proxy.command[2] as string)
        .replaceAll('/etc/herald-nginx', resolve(WORKSPACE, 'deploy/nginx'))
        .replaceAll('/tmp/nginx', dir)
        .replace(/exec nginx .*$/, 'true');
      const result = spawnSync(proxy.command[0], [proxy.command[1], script], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const upstream = /^upstream herald \{([^}]*)\}/m.exec(readFileSync(join(dir, 'herald.conf'), 'utf8'))![1];
      const upstreams = [...upstream.matchAll(/^\s*server (\S+)/gm)].map((m) => m[1]);
      // herald-N listens on the image's port, 3000 (PORT is not set).
      expect(upstreams).toEqual(['herald-1:3000', 'herald-2:3000']);
      expect(services['herald-1'].environment.PORT).toBeUndefined();
      expect(readFileSync(join(dir, 'nginx.conf'), 'utf8')).toContain('include herald.conf;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
