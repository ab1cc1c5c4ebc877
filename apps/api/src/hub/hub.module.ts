import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HUB_METRICS, type HubMetrics, NO_HUB_METRICS } from './hub-metrics';
import { HubService } from './hub.service';
import { createStores } from './store/create-stores';
import { STORES } from './store/stores';

@Module({
  providers: [
    {
      provide: STORES,
      inject: [APP_CONFIG, { token: HUB_METRICS, optional: true }],
      useFactory: (config: AppConfig, metrics: HubMetrics = NO_HUB_METRICS) => createStores(config, () => metrics.storeError()),
    },
    HubService,
  ],
  exports: [HubService, STORES],
})
export class HubModule {}
