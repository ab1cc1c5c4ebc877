import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { HEARTBEAT_FRAME } from '../../hub/sse-frame';
import { SseWriter } from './sse-writer';

/** Every open event stream of this process: one heartbeat timer for all of them, not one per client. */
@Injectable()
export class SseConnections implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SseConnections');
  private readonly writers = new Set<SseWriter>();
  private heartbeat?: NodeJS.Timeout;
  private slowDisconnects = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get size(): number {
    return this.writers.size;
  }

  /** Clients disconnected so far because they stopped reading. */
  get slowConsumerDisconnects(): number {
    return this.slowDisconnects;
  }

  add(writer: SseWriter): void {
    this.writers.add(writer);
  }

  delete(writer: SseWriter): void {
    this.writers.delete(writer);
  }

  /** Called by a writer that dropped its client for not reading. */
  slowConsumer(pendingBytes: number): void {
    this.slowDisconnects++;
    this.logger.warn(
      `Disconnected a stream client that stopped reading: ${pendingBytes} bytes were waiting (MAX_PENDING_BYTES=${this.config.maxPendingBytes})`,
    );
  }

  onModuleInit(): void {
    this.heartbeat = setInterval(() => {
      for (const writer of this.writers) writer.write(HEARTBEAT_FRAME);
    }, this.config.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
  }
}
