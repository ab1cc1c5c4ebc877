import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorBody } from '../../errors/api-exception.filter';
import { OPEN_STREAMS, type OpenStreams } from '../open-streams';

const POLL_MS = 10;
/** Time kept, at most, from the drain's deadline for the streams' last bytes to go out. */
const STREAM_END_MS = 500;

/**
 * Drains the server on SIGTERM/SIGINT so that a shutdown loses nothing: it stops accepting connections and
 * answers new requests 503, lets every request in flight finish (a post the store accepted gets its
 * 202), lets the hub hand what those posts stored to the open streams, and then ends every stream with a
 * short `retry:`, so its client reconnects (to another instance, behind a load balancer) and resumes from
 * its last event id. `shutDownGracefullyOn()` then closes the application.
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  /** Responses not finished yet: requests in flight, and open streams. */
  private readonly inFlight = new Set<Response>();
  private draining = false;
  /**
   * 'close' of a response in flight: one function for every response. A closure per request (and a `once`
   * wrapper around it) would stay with an event stream as long as the stream, some 200 B each.
   */
  private readonly forget: (this: Response) => void;

  constructor(
    @Inject(OPEN_STREAMS) private readonly streams: OpenStreams,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const inFlight = this.inFlight;
    this.forget = function (this: Response) {
      inFlight.delete(this);
    };
  }

  /** Express middleware, in front of every other: counts requests in flight, and refuses new ones while draining. */
  readonly gate = (request: Request, response: Response, next: NextFunction): void => {
    if (this.draining) {
      response.setHeader('Retry-After', '1');
      response.setHeader('Connection', 'close');
      response.status(503).json(errorBody(503, 'This server is shutting down; retry in a moment (another instance will answer).'));
      return;
    }
    this.inFlight.add(response);
    // 'close' comes once per response: no `once` needed.
    response.on('close', this.forget);
    next();
  };

  /** Drains as described above; gives up waiting for slow requests at `deadline` (ms since the epoch). */
  async drain(deadline: number): Promise<void> {
    this.draining = true;
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.close();
    this.logger.log(
      `Shutting down: no new connections; finishing ${this.pending()} request(s) in flight, then ending ${this.streams.size} stream(s)`,
    );

    // A request still waiting for its answer may be a post the store is storing; a stream has sent
    // its headers already and only ends below.
    const postsDeadline = deadline - Math.min(STREAM_END_MS, (deadline - Date.now()) / 4);
    if (!(await this.until(() => this.pending() === 0, postsDeadline))) {
      this.logger.warn(`Shutting down with ${this.pending()} request(s) still unanswered (SHUTDOWN_TIMEOUT_MS)`);
    }
    // Two turns: the hub flushes what the last posts stored to the streams on the next one.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    this.streams.endAll('server shutting down, reconnect');
    // Once every answer that started is done, the streams' last bytes (and any answer queued behind
    // them on the same connection) are out; app.close() then drops the connections that remain.
    await this.until(() => this.pending() === this.inFlight.size, deadline);
  }

  /** Requests in flight that have not started their answer. */
  private pending(): number {
    let count = 0;
    for (const response of this.inFlight) if (!response.headersSent) count++;
    return count;
  }

  private async until(done: () => boolean, deadline: number): Promise<boolean> {
    while (!done()) {
      if (Date.now() >= deadline) return false;
      await sleep(POLL_MS);
    }
    return true;
  }
}
