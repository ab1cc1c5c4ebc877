import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isRoomName, DEFAULT_ROOM } from '@herald/contracts';
import type { Request } from 'express';
import { HubService } from '../hub/hub.service';
import { RoomAccess, StreamAccess } from './room-access.service';

const STREAM_ACCESS = Symbol('heraldStreamAccess');
type RequestWithAccess = Request & { [STREAM_ACCESS]?: StreamAccess };

/**
 * Lets a stream in or refuses it with 401/403, or 507 for a new room while MAX_ROOMS rooms hold messages,
 * before Nest starts the event stream: a guard runs before the SSE headers go out, so the client gets a
 * real error answer rather than an `event: error`.
 */
@Injectable()
export class StreamAccessGuard implements CanActivate {
  constructor(
    private readonly access: RoomAccess,
    private readonly hub: HubService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithAccess>();
    const room = request.params['room'] ?? DEFAULT_ROOM;
    // A bad room name is the room pipe's to refuse (400), and must not use up a ticket.
    if (!isRoomName(room)) return true;
    request[STREAM_ACCESS] = await this.access.authorizeStream(request.headers.authorization, request.query['ticket'], room);
    // A stream opens no room slot, but at the cap it must not open rooms beside them either.
    await this.hub.admitStream(room);
    return true;
  }
}

/** The {@link StreamAccess} the guard granted to this request, or undefined before (or without) it. */
export function grantedStreamAccessOf(request: Request): StreamAccess | undefined {
  return (request as RequestWithAccess)[STREAM_ACCESS];
}

/** What a stream the guard did not look at may do: count as no one, for as long as it lasts. */
export const NO_STREAM_GRANT: StreamAccess = Object.freeze({ name: null, endsAt: null });
