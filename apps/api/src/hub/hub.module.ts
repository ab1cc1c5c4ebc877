import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HubService } from './hub.service';
import { MemoryTransport } from './memory-transport';
import { RedisTransport } from './redis/redis-transport';
import { TRANSPORT } from './transport';

@Module({
  providers: [
    {
      provide: TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redisUrl
          ? new RedisTransport({
              url: config.redisUrl,
              prefix: config.redisPrefix,
              historyLimit: config.historyLimit,
              historyMaxAgeMs: config.historyMaxAgeMs,
              maxRooms: config.maxRooms,
              presenceTtlMs: config.presenceTtlMs,
            })
          : new MemoryTransport(config.historyLimit, config.maxRooms, config.historyMaxAgeMs),
    },
    HubService,
  ],
  exports: [HubService],
})
export class HubModule {}
