import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '../config/app-config';

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
  app.use(
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
  // API answers (a private room's history among them) are never for a shared or browser cache.
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
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

/** `true`/`false`, a hop count, or Express's list of addresses and names (loopback, 10.0.0.0/8, …). */
function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
