import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { HEARTBEAT_FRAME } from '../../hub/sse-frame';
import { SseWriter } from './sse-writer';

/** Every open event stream of this process: one heartbeat timer for all of them, not one per client. */
@Injectable()
export class SseConnections implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SseConnections');
  /** Each open stream's writer, with the function that ends its stream. */
  private readonly writers = new Map<SseWriter, () => void>();
  private heartbeat?: NodeJS.Timeout;
  private slowDisconnects = 0;
  /** Set once the server shuts down: the last frame of every stream, and of any that opens after that. */
  private farewell: (() => Buffer) | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get size(): number {
    return this.writers.size;
  }

  /** Clients disconnected so far because they stopped reading. */
  get slowConsumerDisconnects(): number {
    return this.slowDisconnects;
  }

  /** Registers an open stream; `end` completes it (Nest then ends the response). */
  add(writer: SseWriter, end: () => void = () => undefined): void {
    if (this.farewell) {
      writer.write(this.farewell());
      end();
      return;
    }
    this.writers.set(writer, end);
  }

  /**
   * Sends every open stream `farewell()` (e.g. a short `retry:`) and ends it, so its client reconnects,
   * to another instance; streams that open from now on get the same at once.
   */
  endAll(farewell: () => Buffer): void {
    this.farewell = farewell;
    for (const [writer, end] of [...this.writers]) {
      writer.write(farewell());
      end();
    }
  }

  delete(writer: SseWriter): void {
    this.writers.delete(writer);
  }

  /** Called by a writer that dropped its client for not reading. */
  slowConsumer(pendingBytes: number): void {
    this.slowDisconnects++;
    this.logger.warn(
      `Disconnected a stream client that stopped reading: ${pendingBytes} bytes were waiting ` +
        `(MAX_PENDING_BYTES=${this.config.maxPendingBytes})`,
    );
  }

  onModuleInit(): void {
    this.heartbeat = setInterval(() => {
      for (const writer of this.writers.keys()) writer.write(HEARTBEAT_FRAME);
    }, this.config.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
  }
}
