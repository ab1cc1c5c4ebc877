// The container's health check: exits 0 while Herald is ready (GET /api/health/ready answers 200), else 1.
// It uses Node's own fetch, so the image needs no curl. Readiness rather than liveness: it also reports a
// Redis that cannot be reached and a server that is draining, which should receive no new clients.
const { HOST = '', PORT = '3000' } = process.env;
const host = ['', '0.0.0.0', '::'].includes(HOST) ? '127.0.0.1' : HOST.includes(':') ? `[${HOST}]` : HOST;

try {
  const response = await fetch(`http://${host}:${PORT}/api/health/ready`, { signal: AbortSignal.timeout(3000) });
  console.log(`readiness answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (err) {
  console.log(`readiness did not answer: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
