import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '../config/app-config';
import { isEventStreamRequest } from '../sse/event-stream-request';

/**
 * Browser-facing protections: Helmet's headers with a Content-Security-Policy the Angular app and Swagger
 * UI work under (scripts only from this origin; Angular's component styles are inline), CORS only for the
 * configured origins (never `*` with credentials: Herald uses Bearer tokens, not cookies), and the proxies
 * whose X-Forwarded-For gives the client IP for rate limits and connection caps.
 */
export function applySecurity(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  if (config.trustProxy) express.set('trust proxy', parseTrustProxy(config.trustProxy));
  const securityHeaders = fixedHeadersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      // The same answer as frame-ancestors 'none', for browsers that only know the older header.
      xFrameOptions: { action: 'deny' },
      // Served over plain HTTP in development; HSTS belongs to the TLS terminator.
      strictTransportSecurity: false,
    }),
  );
  const streamHeaders = securityHeaders.filter(([name]) => STREAM_HEADERS.has(name.toLowerCase()));
  app.use((request: Request, response: Response, next: NextFunction) => {
    for (const [name, value] of isEventStreamRequest(request) ? streamHeaders : securityHeaders) response.setHeader(name, value);
    // API answers (a private room's history among them) are never for a shared or browser cache; a stream that
    // opens gets Nest's Cache-Control instead, which says no-store too, and one refused keeps this one.
    if (API_PATH.test(request.url)) response.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID', 'X-Request-Id', 'Idempotency-Key', 'X-API-Key'],
      exposedHeaders: ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
}

/**
 * What an event stream keeps of Helmet's headers: those OWASP's REST Security Cheat Sheet asks of every API answer
 * (no sniffing, no framing in both headers browsers read; Content-Type and no-store Cache-Control come from Nest's
 * stream headers), and the resource policy, which guards any response against being embedded cross-origin. The
 * others (opener policy, origin-agent cluster, referrer policy, DNS prefetch, IE's download options, Adobe's
 * cross-domain policies, the retired XSS filter) only act on an HTML document, which a stream never is; left off,
 * they save each connect seven headers set, copied and written (about 6 % of its instructions).
 */
const STREAM_HEADERS = new Set(['content-security-policy', 'x-frame-options', 'x-content-type-options', 'cross-origin-resource-policy']);

/** The paths Express mounts at `/api` (it matches any case). */
const API_PATH = /^\/api(?:[/?]|$)/i;

/**
 * The headers Helmet sets, found once by running it on a stand-in response: with Herald's settings they are
 * the same on every answer, so each request sets them from a list instead of running Helmet's middleware
 * chain. Helmet also removes X-Powered-By, which Express is told never to send. Refuses a configuration
 * whose headers vary (a CSP nonce, say): that would need Helmet on every request again.
 */
function fixedHeadersOf(middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void): Array<[string, string]> {
  const run = (url: string) => {
    const headers: Array<[string, string]> = [];
    const response = { setHeader: (name: string, value: string) => void headers.push([name, value]), removeHeader: () => undefined };
    middleware({ url, method: 'GET', headers: {} } as Request, response as unknown as Response, (err) => {
      if (err) throw err;
    });
    return headers;
  };
  const [first, second] = [run('/'), run('/api/rooms')];
  if (JSON.stringify(first) !== JSON.stringify(second)) throw new Error('The security headers vary per request; set them per request.');
  return first;
}

/** `true`/`false`, a hop count, or Express's list of addresses and names (loopback, 10.0.0.0/8, …). */
function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
