import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HUB_METRICS, HubMetrics, NO_HUB_METRICS } from './hub-metrics';
import { HubService } from './hub.service';
import { MemoryTransport } from './memory-transport';
import { RedisTransport } from './redis/redis-transport';
import { TRANSPORT } from './transport';

@Module({
  providers: [
    {
      provide: TRANSPORT,
      inject: [APP_CONFIG, { token: HUB_METRICS, optional: true }],
      useFactory: (config: AppConfig, metrics: HubMetrics = NO_HUB_METRICS) =>
        config.redisUrl
          ? new RedisTransport({
              url: config.redisUrl,
              prefix: config.redisPrefix,
              historyLimit: config.historyLimit,
              historyMaxAgeMs: config.historyMaxAgeMs,
              maxRooms: config.maxRooms,
              presenceTtlMs: config.presenceTtlMs,
              onError: () => metrics.transportError(),
            })
          : new MemoryTransport(config.historyLimit, config.maxRooms, config.historyMaxAgeMs),
    },
    HubService,
  ],
  exports: [HubService],
})
export class HubModule {}
