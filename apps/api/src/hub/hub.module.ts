import { Module } from '@nestjs/common';
import { HubService } from './hub.service';

/** The broadcast engine; its stores come from the global StoresModule. */
@Module({
  providers: [HubService],
  exports: [HubService],
})
export class HubModule {}
