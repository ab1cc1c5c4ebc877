import type { IncomingMessage } from 'node:http';

/**
 * Lets `response` take in at most about `bytesPerTick` every `tickMs`, as a client on a slow link does. In
 * between it is paused, so its socket fills and the server has to wait for it to drain. The function it
 * returns stops the pacing: the response flows at full speed again.
 */
export function readAtPace(response: IncomingMessage, bytesPerTick: number, tickMs: number): () => void {
  let budget = bytesPerTick;
  const count = (chunk: string | Buffer) => {
    budget -= typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (budget <= 0) response.pause();
  };
  response.on('data', count);
  response.pause();
  const timer = setInterval(() => {
    budget = bytesPerTick;
    response.resume();
  }, tickMs);
  return () => {
    clearInterval(timer);
    response.off('data', count);
    response.resume();
  };
}
