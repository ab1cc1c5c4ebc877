import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChatModule } from '../chat/chat.module';
import { SseConnections } from '../chat/sse/sse-connections';
import { HubModule } from '../hub/hub.module';
import { HubService } from '../hub/hub.service';
import { HealthController } from './health/health.controller';
import { MessageStoreHealth } from './health/message-store.health';
import { HeraldMetrics } from './metrics/herald-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { GracefulShutdown } from './shutdown/graceful-shutdown';

/** Operations: health probes, `/metrics`, graceful shutdown (logging and the metrics registry are global modules). */
@Module({
  // Terminus would log every failed readiness probe; the transport logs the outage itself, once.
  imports: [TerminusModule.forRoot({ logger: false }), HubModule, ChatModule],
  controllers: [HealthController, MetricsController],
  providers: [MessageStoreHealth, GracefulShutdown],
  exports: [GracefulShutdown],
})
export class OpsModule {
  constructor(metrics: HeraldMetrics, hub: HubService, streams: SseConnections) {
    metrics.observeConnections(() => hub.connectionCounts());
    metrics.observeSlowConsumers(() => streams.slowConsumerDisconnects);
  }
}
