import type { Server } from 'node:http';

/**
 * A client gets `timeoutMs` to send a request's headers and body; a slower one is answered 408 and cut off
 * (a stream's request is complete once its headers are in, so this never ends a stream). Node checks open
 * connections every 30 s by default: checking more often makes the bound hold within about a second.
 */
export function applyRequestTimeouts(server: Server, timeoutMs: number): void {
  server.headersTimeout = timeoutMs;
  server.requestTimeout = timeoutMs;
  // Read when the server starts listening; @types/node does not declare it as writable.
  Object.assign(server, { connectionsCheckingInterval: Math.min(1_000, timeoutMs / 2) });
}
