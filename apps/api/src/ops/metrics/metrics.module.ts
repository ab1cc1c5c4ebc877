import { Global, Module } from '@nestjs/common';
import { HUB_METRICS } from '../../hub/hub-metrics';
import { MODERATION_METRICS } from '../../moderation/moderation-metrics';
import { HeraldMetrics } from './herald-metrics';

/** The metrics registry, global so the hub and moderation find it as their {@link HUB_METRICS} and {@link MODERATION_METRICS}. */
@Global()
@Module({
  providers: [
    HeraldMetrics,
    { provide: HUB_METRICS, useExisting: HeraldMetrics },
    { provide: MODERATION_METRICS, useExisting: HeraldMetrics },
  ],
  exports: [HeraldMetrics, HUB_METRICS, MODERATION_METRICS],
})
export class MetricsModule {}
