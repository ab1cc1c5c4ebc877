import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { DEFAULT_ROOM, isRoomName } from '@herald/contracts';
import type { Request } from 'express';
import type { Identity } from './identity';
import { RoomAccess } from './room-access.service';

const POSTER = Symbol('heraldPoster');
type RequestWithPoster = Request & { [POSTER]?: Identity | null };

/**
 * Authenticates a post before Nest validates its body (guards run before pipes): a missing or bad token
 * (or API key) is a 401 whatever the body holds, and a token or key that may not use the room a 403.
 */
@Injectable()
export class PosterIdentityGuard implements CanActivate {
  constructor(private readonly access: RoomAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithPoster>();
    const room = request.params['room'] ?? DEFAULT_ROOM;
    // A bad room name is the room pipe's to refuse (400).
    if (!isRoomName(room)) return true;
    const apiKey = request.headers['x-api-key'];
    request[POSTER] = await this.access.identifyPoster(
      request.headers.authorization,
      room,
      typeof apiKey === 'string' ? apiKey : undefined,
    );
    return true;
  }
}

/** The identity the guard verified for this request, or null in the open chat. */
export function posterOf(request: Request): Identity | null {
  return (request as RequestWithPoster)[POSTER] ?? null;
}

/** The identity the guard verified for this post, as a handler parameter. */
export const Poster = createParamDecorator((_data: unknown, context: ExecutionContext): Identity | null =>
  posterOf(context.switchToHttp().getRequest<Request>()),
);
