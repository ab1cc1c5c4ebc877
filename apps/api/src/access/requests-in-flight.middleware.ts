import type { NextFunction, Request, Response } from 'express';
import { errorBody } from '../errors/api-exception.filter';
import { clientIp } from './client-ip';

/** The event streams: they stay open by design and have caps of their own (MAX_CONNECTIONS_PER_IP). */
const STREAM_PATH = /^\/api\/(?:rooms\/[^/]+\/)?events$/;

/**
 * At most `max` requests other than streams in flight per client IP (MAX_REQUESTS_PER_IP): one address
 * holding many slow requests open cannot take the server's sockets from everyone else. 0 turns it off.
 */
export function limitRequestsInFlight(max: number) {
  const inFlight = new Map<string, number>();
  return (request: Request, response: Response, next: NextFunction): void => {
    if (max === 0 || STREAM_PATH.test(request.path)) return next();
    const ip = clientIp(request);
    const count = inFlight.get(ip) ?? 0;
    if (count >= max) {
      response.setHeader('Retry-After', '1');
      response.status(429).json(errorBody(429, `Too many requests at once from your address: at most ${max}. Wait for some to finish.`));
      return;
    }
    inFlight.set(ip, count + 1);
    response.once('close', () => {
      const left = (inFlight.get(ip) ?? 1) - 1;
      if (left > 0) inFlight.set(ip, left);
      else inFlight.delete(ip);
    });
    next();
  };
}
