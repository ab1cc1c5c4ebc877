import { Controller, Headers, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ValidBody } from '../errors/dto-validation';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { TicketLimitGuard } from './ticket-limit.guard';
import type { StreamTicket } from '@herald/contracts';
import { CreateStreamTicketDto } from '@herald/contracts/dto';
import { StreamTicketSchema } from './stream-ticket.schema';
import { ApiErrorSchema } from '../errors/api-error.schema';
import { RoomAccess } from './room-access.service';
import { ClientAddress } from './client-ip';
import { Moderation } from '../moderation/moderation.service';

/**
 * Tickets that let EventSource, which cannot send headers, open a stream as a verified person: in a private room, or
 * as a guest. A banned person gets no ticket: the 403 says until when, which a refused EventSource could not tell.
 * It is served by the chat module, which holds moderation as well as access.
 */
@ApiTags('auth')
@Controller('stream-tickets')
export class StreamTicketsController {
  constructor(
    private readonly access: RoomAccess,
    private readonly moderation: Moderation,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @UseGuards(TicketLimitGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Get a single-use ticket for one stream of a room',
    description:
      'Pass it as `?ticket=` on `GET /api/rooms/{room}/events` within STREAM_TICKET_TTL_MS (30 s by default). ' +
      'A used or expired ticket gets 401: ask for a new one before each reconnect. Needs a signed-in token, or in the open ' +
      "chat a guest session's token (POST /api/session) for a public room: the stream then counts as that person in presence.",
  })
  @ApiBody({ type: CreateStreamTicketDto })
  @ApiCreatedResponse({ type: StreamTicketSchema })
  @ApiBadRequestResponse({ description: 'Invalid room name.', type: ApiErrorSchema })
  @ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token.', type: ApiErrorSchema })
  @ApiForbiddenResponse({
    description: 'The token does not allow this private room, or a ban keeps its holder out (bannedUntil).',
    type: ApiErrorSchema,
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many tickets asked for from this address (RATE_LIMIT_POSTS per RATE_LIMIT_WINDOW_MS); see Retry-After.',
    type: ApiErrorSchema,
  })
  async create(
    @Headers('authorization') authorization: string | undefined,
    @ValidBody() body: CreateStreamTicketDto,
    @ClientAddress() address: string,
  ): Promise<StreamTicket> {
    const holder = await this.access.ticketHolder(authorization, body.room);
    this.moderation.refuseBanned(body.room, holder.authorId, address);
    return this.access.issueTicket(holder, body.room);
  }
}
