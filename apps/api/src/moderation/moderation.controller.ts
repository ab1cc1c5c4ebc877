import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ValidBody } from '../errors/dto-validation';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Ban, KickResult, ModerationLog, ModeratorSelf } from '@herald/contracts';
import { CreateBanDto, KickDto } from '@herald/contracts/dto';
import type { Identity } from '../access/identity';
import { ApiErrorSchema } from '../errors/api-error.schema';
import { HttpError } from '../errors/http-error';
import { ModeratorGuard, ModeratorIdentity } from './moderator.guard';
import { Moderation } from './moderation.service';
import { BanSchema, KickResultSchema, ModerationLogSchema, ModeratorSelfSchema } from './openapi/moderation-schemas';

const LOG_MAX = 1000;

/**
 * Bans, kicks and the audit trail, for moderators only (a token or API key with the "moderator" role). Moderators
 * delete messages where their authors do: DELETE /api/rooms/:room/messages/:id.
 */
@ApiTags('moderation')
@ApiBearerAuth()
@ApiSecurity('apiKey')
@ApiUnauthorizedResponse({ description: 'No token or API key, or a bad one.', type: ApiErrorSchema })
@ApiForbiddenResponse({ description: 'Valid credentials without the "moderator" role.', type: ApiErrorSchema })
@Controller('moderation')
@UseGuards(ModeratorGuard)
export class ModerationController {
  constructor(private readonly moderation: Moderation) {}

  @Get('me')
  @ApiOperation({ summary: 'Who these moderator credentials are', description: 'A client checks with it that a moderator key works.' })
  @ApiOkResponse({ type: ModeratorSelfSchema })
  me(@ModeratorIdentity() moderator: Identity): ModeratorSelf {
    return { name: moderator.name, authorId: moderator.authorId, roles: [...(moderator.roles ?? [])].sort() };
  }

  @Post('bans')
  @ApiOperation({
    summary: 'Ban an author id or an address from a room, or from every room, for a while',
    description:
      'Posts from the target answer 403 until the ban ends, new streams too, and its open streams close on every instance. ' +
      'An unverified post or stream (no session, no token) is matched by its address only.',
  })
  @ApiCreatedResponse({ type: BanSchema })
  @ApiBadRequestResponse({ description: 'Invalid body, or neither authorId nor address.', type: ApiErrorSchema })
  ban(@ModeratorIdentity() moderator: Identity, @ValidBody() body: CreateBanDto): Promise<Ban> {
    return this.moderation.ban(moderator, body);
  }

  @Get('bans')
  @ApiOperation({ summary: 'The bans in force' })
  @ApiOkResponse({ type: [BanSchema] })
  bans(): Ban[] {
    return this.moderation.activeBans();
  }

  @Delete('bans/:id')
  @ApiOperation({ summary: 'Lift a ban before it ends' })
  @ApiOkResponse({ description: 'The ban lifted.', type: BanSchema })
  @ApiNotFoundResponse({ description: 'No ban has this id (it ended, or was lifted).', type: ApiErrorSchema })
  lift(@ModeratorIdentity() moderator: Identity, @Param('id') id: string): Promise<Ban> {
    return this.moderation.lift(moderator, id);
  }

  @Post('kicks')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Close an author id's or an address's open streams, in a room or every room, on every instance",
    description: 'Not a ban: the client may come back.',
  })
  @ApiOkResponse({ type: KickResultSchema })
  @ApiBadRequestResponse({ description: 'Invalid body, or neither authorId nor address.', type: ApiErrorSchema })
  kick(@ModeratorIdentity() moderator: Identity, @ValidBody() body: KickDto): Promise<KickResult> {
    return this.moderation.kick(moderator, body);
  }

  @Get('log')
  @ApiOperation({ summary: 'The audit trail: the most recent moderation actions, newest first' })
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${LOG_MAX}; default 100.` })
  @ApiOkResponse({ type: ModerationLogSchema })
  async log(@Query('limit', new ParseIntPipe({ optional: true })) limit?: number): Promise<ModerationLog> {
    if (limit !== undefined && (limit < 1 || limit > LOG_MAX)) throw new HttpError(HttpStatus.BAD_REQUEST, `limit must be 1 to ${LOG_MAX}`);
    return { actions: await this.moderation.recent(limit ?? 100) };
  }
}
