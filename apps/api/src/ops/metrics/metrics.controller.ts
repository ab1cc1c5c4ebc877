import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { HeraldMetrics } from './herald-metrics';

/** `GET /metrics` in the Prometheus text format, outside `/api` (the global prefix excludes it). */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: HeraldMetrics) {}

  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
