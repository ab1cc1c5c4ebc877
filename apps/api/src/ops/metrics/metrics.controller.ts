import { Controller, Get, Header, Headers, HttpStatus, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { HttpError } from '../../errors/http-error';
import { HeraldMetrics } from './herald-metrics';

/**
 * `GET /metrics` in the Prometheus text format, outside `/api` (the global prefix excludes it), only for a
 * scraper that shows METRICS_TOKEN as a Bearer token: room names, traffic and the runtime are not for
 * every visitor. Without METRICS_TOKEN the path does not exist.
 */
@ApiExcludeController()
@Controller()
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: HeraldMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken ? Buffer.from(`Bearer ${config.metricsToken}`) : null;
  }

  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.token) throw new HttpError(HttpStatus.NOT_FOUND, 'Metrics are off: set METRICS_TOKEN and scrape with that Bearer token.');
    const shown = Buffer.from(authorization ?? '');
    if (shown.length !== this.token.length || !timingSafeEqual(shown, this.token)) {
      throw new HttpError(HttpStatus.UNAUTHORIZED, 'Scrape /metrics with "Authorization: Bearer <METRICS_TOKEN>".', {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    return this.metrics.scrape();
  }
}
