import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HubService } from './hub.service';
import { MemoryTransport } from './memory-transport';
import { TRANSPORT } from './transport';

@Module({
  providers: [
    {
      provide: TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new MemoryTransport(config.historyLimit, config.maxRooms),
    },
    HubService,
  ],
  exports: [HubService],
})
export class HubModule {}
