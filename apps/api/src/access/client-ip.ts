import type { Request } from 'express';

/** The client's address, as TRUST_PROXY lets Express read it; the key of per-address limits and caps. */
export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
