import { Inject, Module } from '@nestjs/common';
import { isPrivateRoom } from '@herald/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TerminusModule } from '@nestjs/terminus';
import { HubModule } from '../hub/hub.module';
import { HealthController } from './health/health.controller';
import { MessageStoreHealth } from './health/message-store.health';
import { HeraldMetrics } from './metrics/herald-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { OPEN_STREAMS, type OpenStreams } from './open-streams';
import { GracefulShutdown } from './shutdown/graceful-shutdown';

/**
 * Operations: health probes, `/metrics`, graceful shutdown (logging and the metrics registry are global
 * modules). What they read of the open streams comes through {@link OpenStreams}, bound by the app.
 */
@Module({
  // Terminus would log every failed readiness probe; the store logs the outage itself, once.
  imports: [TerminusModule.forRoot({ logger: false }), HubModule],
  controllers: [HealthController, MetricsController],
  providers: [MessageStoreHealth, GracefulShutdown],
  exports: [GracefulShutdown],
})
export class OpsModule {
  constructor(metrics: HeraldMetrics, @Inject(OPEN_STREAMS) streams: OpenStreams, @Inject(APP_CONFIG) config: AppConfig) {
    const configured = new Set(config.privateRooms);
    metrics.observeConnections(
      () => streams.countsByRoom(),
      (room) => isPrivateRoom(room, configured),
    );
    metrics.observeSlowConsumers(() => streams.slowConsumerDisconnects);
  }
}
