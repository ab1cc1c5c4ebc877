import { Global, Module } from '@nestjs/common';
import { HUB_METRICS } from '../../hub/hub-metrics';
import { HeraldMetrics } from './herald-metrics';

/** The metrics registry, global so the hub finds it as its {@link HUB_METRICS}. */
@Global()
@Module({
  providers: [HeraldMetrics, { provide: HUB_METRICS, useExisting: HeraldMetrics }],
  exports: [HeraldMetrics, HUB_METRICS],
})
export class MetricsModule {}
