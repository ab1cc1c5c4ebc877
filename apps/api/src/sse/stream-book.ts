import { HttpStatus, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpError } from '../errors/http-error';
import { farewellFrame, HEARTBEAT_FRAME } from './sse-frames';
import { SseWriter } from './sse-writer';

/** Streams are told to reconnect after 0.5 to 1.5 s when the server ends them: soon, but not all at once. */
const FAREWELL_RETRY_MS = 500;
const FAREWELL_JITTER_MS = 1_000;

/** One open stream, as the book holds it. */
export interface BookedStream {
  readonly writer: SseWriter;
  readonly ip: string;
  /** Set once the handler named the stream's room. */
  room: string | null;
  /** Ends the stream from the server's side: `lastFrame` is its last bytes, then the response ends. */
  end(lastFrame: Buffer): void;
}

/**
 * The one book of this process's open event streams: the caps (MAX_CONNECTIONS in total, 503;
 * MAX_CONNECTIONS_PER_IP, 429), the counts per room and per address, one heartbeat timer for all of them,
 * the slow-consumer count, and the farewell at shutdown. A stream is in it from admission to teardown.
 */
@Injectable()
export class StreamBook implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('StreamBook');
  private readonly streams = new Set<BookedStream>();
  private readonly perIp = new Map<string, number>();
  private heartbeat?: NodeJS.Timeout;
  private slowDisconnects = 0;
  /** Set once the server shuts down: why every stream ends, including any that opens after that. */
  private closingReason: string | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get size(): number {
    return this.streams.size;
  }

  /** Clients disconnected so far because they stopped reading. */
  get slowConsumerDisconnects(): number {
    return this.slowDisconnects;
  }

  /**
   * Lets a stream in, or throws the error its client gets (before any header is sent). Streams already
   * open are never touched. While the server shuts down, a stream is let in only to be told to reconnect.
   */
  admit(stream: BookedStream): void {
    const { maxConnections, maxConnectionsPerIp } = this.config;
    const { ip } = stream;
    if (maxConnections > 0 && this.streams.size >= maxConnections) {
      throw new HttpError(
        HttpStatus.SERVICE_UNAVAILABLE,
        `This server holds its maximum of ${maxConnections} open streams; try again shortly or another instance.`,
        { 'Retry-After': '10' },
      );
    }
    const mine = this.perIp.get(ip) ?? 0;
    if (maxConnectionsPerIp > 0 && mine >= maxConnectionsPerIp) {
      throw new HttpError(
        HttpStatus.TOO_MANY_REQUESTS,
        `Your address already holds ${mine} open streams, the most allowed; close some first.`,
        { 'Retry-After': '10' },
      );
    }
    this.streams.add(stream);
    this.perIp.set(ip, mine + 1);
    if (this.closingReason !== null) this.sendOff(stream, this.closingReason);
  }

  /** Takes a stream out (its teardown); safe to call twice. */
  remove(stream: BookedStream): void {
    if (!this.streams.delete(stream)) return;
    const left = (this.perIp.get(stream.ip) ?? 1) - 1;
    if (left > 0) this.perIp.set(stream.ip, left);
    else this.perIp.delete(stream.ip);
  }

  /** Open streams per room, for the metrics. */
  countsByRoom(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { room } of this.streams) if (room !== null) counts.set(room, (counts.get(room) ?? 0) + 1);
    return counts;
  }

  /**
   * Sends every open stream a short, jittered `retry:` with `why` and ends it, so its client reconnects
   * (to another instance) and resumes; streams that open from now on get the same at once.
   */
  endAll(why: string): void {
    this.closingReason = why;
    for (const stream of [...this.streams]) this.sendOff(stream, why);
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
      for (const { writer } of this.streams) writer.write(HEARTBEAT_FRAME);
    }, this.config.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
  }

  private sendOff(stream: BookedStream, why: string): void {
    stream.end(farewellFrame(FAREWELL_RETRY_MS + Math.floor(Math.random() * FAREWELL_JITTER_MS), why));
  }
}
