import { CanActivate, ExecutionContext, HttpStatus, Injectable, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { HttpError } from '../errors/http-error';
import { clientIp } from './client-ip';
import { type GuestClaims, GuestSessions } from './guest-sessions.service';
import { InvalidTokenError } from './jwt-verifier';
import { PostLimits } from './post-limits.service';
import { bearerToken, unauthorized } from './unauthorized';

const RENEWING = Symbol('heraldRenewing');
type RequestWithSession = Request & { [RENEWING]?: GuestClaims | null };

/**
 * Who may ask for a guest session, decided before the body is validated: nobody where sign-in is configured
 * (404: there are no guest sessions there), at most the per-address allowance (429, invalid floods count),
 * and, for a renewal, only the holder of a token of the session (401 for a bad one, or one too old to renew).
 */
@Injectable()
export class SessionRequestGuard implements CanActivate {
  constructor(
    private readonly sessions: GuestSessions,
    private readonly limits: PostLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithSession>();
    if (!this.sessions.enabled) {
      throw new HttpError(
        HttpStatus.NOT_FOUND,
        "this server has sign-in configured, so it has no guest sessions: send your identity provider's token instead",
      );
    }
    this.limits.checkSession(clientIp(request));
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      request[RENEWING] = null;
      return true;
    }
    const token = bearerToken(authorization);
    if (token === null)
      throw unauthorized('to renew a session, send its token as "Authorization: Bearer <token>"; to start one, send none');
    try {
      request[RENEWING] = await this.sessions.verifyForRenewal(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw unauthorized(`the session token was refused: ${err.message}`, 'invalid_token');
      throw err;
    }
    return true;
  }
}

/** The session this request renews (its token's claims), or null for a new one, as a handler parameter. */
export const RenewedSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): GuestClaims | null =>
    context.switchToHttp().getRequest<RequestWithSession>()[RENEWING] ?? null,
);
