import { CanActivate, ExecutionContext, HttpStatus, Injectable, createParamDecorator } from '@nestjs/common';
import { MODERATOR_ROLE } from '@herald/contracts';
import type { Request } from 'express';
import type { Identity } from '../access/identity';
import { RoomAccess } from '../access/room-access.service';
import { HttpError } from '../errors/http-error';

const MODERATOR = Symbol('heraldModerator');
type RequestWithModerator = Request & { [MODERATOR]?: Identity };

/**
 * Lets in a moderator: a signed-in token whose roles claim (AUTH_JWT_ROLES_CLAIM) holds "moderator", or an API key
 * whose `roles` do. No credential or a bad one is a 401, a valid one without the role a 403, before any body is read.
 */
@Injectable()
export class ModeratorGuard implements CanActivate {
  constructor(private readonly access: RoomAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithModerator>();
    const apiKey = request.headers['x-api-key'];
    const identity = await this.access.identify(request.headers.authorization, typeof apiKey === 'string' ? apiKey : undefined, 'moderate');
    if (!identity.roles?.has(MODERATOR_ROLE)) {
      throw new HttpError(HttpStatus.FORBIDDEN, `moderating needs the "${MODERATOR_ROLE}" role, which your credentials do not have`);
    }
    request[MODERATOR] = identity;
    return true;
  }
}

/** The moderator the guard let in, as a handler parameter. */
export const ModeratorIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const moderator = context.switchToHttp().getRequest<RequestWithModerator>()[MODERATOR];
  // Only on routes behind the guard, which always sets it.
  if (!moderator) throw new Error('ModeratorIdentity used on a route without ModeratorGuard');
  return moderator;
});
