import { Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ValidBody } from '../errors/dto-validation';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { GuestSession } from '@herald/contracts';
import { CreateSessionDto } from '@herald/contracts/dto';
import { ApiErrorSchema } from '../errors/api-error.schema';
import { GuestSessionSchema } from './guest-session.schema';
import { type GuestClaims, GuestSessions } from './guest-sessions.service';
import { RenewedSession, SessionRequestGuard } from './session-request.guard';

/** Guest sessions of the open chat: a name that only its holder can post under, and an author id to tell namesakes apart. */
@ApiTags('auth')
@Controller('session')
export class SessionController {
  constructor(private readonly sessions: GuestSessions) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @UseGuards(SessionRequestGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Start or renew a guest session',
    description:
      'Without a token: a new session under `name`, with an author id of its own. With `Authorization: Bearer <token>` of a ' +
      'session: a fresh token for the same session (the same author id) under `name`, also after the token expired, until ' +
      'GUEST_SESSION_MAX_AGE_S after the session began. Send the token with posts (the author is then the session name) ' +
      'and to get stream tickets (the stream then counts as this person in presence). Only in the open chat: with sign-in ' +
      "configured there are no guest sessions (404), and every bearer token is the identity provider's.",
  })
  @ApiBody({ type: CreateSessionDto })
  @ApiCreatedResponse({ type: GuestSessionSchema })
  @ApiBadRequestResponse({ description: 'A name that breaks the display name rule, or unknown fields.', type: ApiErrorSchema })
  @ApiUnauthorizedResponse({
    description: 'A token that is not one of this server’s sessions (bad signature), or of a session too old to renew.',
    type: ApiErrorSchema,
  })
  @ApiNotFoundResponse({ description: 'Sign-in is configured (AUTH_JWT_* or AUTH_JWKS_URL): no guest sessions.', type: ApiErrorSchema })
  @ApiTooManyRequestsResponse({
    description: 'Too many sessions asked for from this address (RATE_LIMIT_POSTS per RATE_LIMIT_WINDOW_MS); see Retry-After.',
    type: ApiErrorSchema,
  })
  @ApiServiceUnavailableResponse({ description: 'The store that keeps the signing key (Redis) is unreachable.', type: ApiErrorSchema })
  create(@ValidBody() body: CreateSessionDto, @RenewedSession() renewing: GuestClaims | null): Promise<GuestSession> {
    return this.sessions.issue(body.name, renewing);
  }
}
