import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DEFAULT_ROOM, isRoomName } from '@herald/contracts';
import type { Request } from 'express';
import { clientIp } from '../access/client-ip';
import { posterOf } from '../access/poster-identity.guard';
import { grantedStreamAccessOf } from '../access/stream-access.guard';
import { Moderation } from './moderation.service';

/**
 * Keeps banned authors and addresses out: a post or a stream to a room they are banned from is a 403 saying
 * until when (stream tickets are refused the same way). It runs after the identity guards (PosterIdentityGuard,
 * StreamAccessGuard), whose verified author id it checks; an unverified post or stream is checked by its address.
 */
@Injectable()
export class BanGuard implements CanActivate {
  constructor(private readonly moderation: Moderation) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const room = request.params['room'] ?? DEFAULT_ROOM;
    if (!isRoomName(room)) return true;
    const authorId = posterOf(request)?.authorId ?? grantedStreamAccessOf(request)?.authorId ?? null;
    this.moderation.refuseBanned(room, authorId, clientIp(request));
    return true;
  }
}
