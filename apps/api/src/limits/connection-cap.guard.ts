import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpError } from '../common/http-error';
import { ConnectionCounts } from './connection-counts';
import { clientIp } from './ip-post-limit.guard';

/**
 * Caps open streams, in total (MAX_CONNECTIONS, 503) and per client IP (MAX_CONNECTIONS_PER_IP, 429),
 * before a stream starts; 0 turns a cap off. Streams already open are never touched.
 */
@Injectable()
export class ConnectionCapGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counts: ConnectionCounts,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const ip = clientIp(http.getRequest<Request>());
    const { maxConnections, maxConnectionsPerIp } = this.config;
    if (maxConnections > 0 && this.counts.total >= maxConnections) {
      throw new HttpError(
        HttpStatus.SERVICE_UNAVAILABLE,
        `This server holds its maximum of ${maxConnections} open streams; try again shortly or another instance.`,
        { 'Retry-After': '10' },
      );
    }
    const mine = this.counts.of(ip);
    if (maxConnectionsPerIp > 0 && mine >= maxConnectionsPerIp) {
      throw new HttpError(
        HttpStatus.TOO_MANY_REQUESTS,
        `Your address already holds ${mine} open streams, the most allowed; close some first.`,
        { 'Retry-After': '10' },
      );
    }
    const release = this.counts.open(ip);
    // Counted out when the response ends, whichever way the stream ends (or fails before it starts).
    http.getResponse<Response>().once('close', release);
    return true;
  }
}
