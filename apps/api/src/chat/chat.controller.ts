import { Controller, Delete, Get, Headers, HttpCode, HttpStatus, Inject, Patch, Post, Req, Res, Sse, UseGuards } from '@nestjs/common';
import { ValidBody, ValidQuery } from '../errors/dto-validation';
import type { Request, Response } from 'express';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  type ChatMessage,
  type ChatSettings,
  DEFAULT_ROOM,
  HISTORY_PAGE_DEFAULT_LIMIT,
  HistoryPage,
  type MessageDeleted,
  PostAccepted,
  RoomSummary,
} from '@herald/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CreateMessageDto, EditMessageDto } from '@herald/contracts/dto';
import { Observable, from, map } from 'rxjs';
import type { FrameSink } from '../hub/frame-sink';
import { ClientAddress, clientIp } from '../access/client-ip';
import type { Identity } from '../access/identity';
import { IpPostLimitGuard } from '../access/ip-post-limit.guard';
import { Poster, PosterIdentityGuard } from '../access/poster-identity.guard';
import { PostLimits } from '../access/post-limits.service';
import { RoomAccess } from '../access/room-access.service';
import { NO_STREAM_GRANT, StreamAccessGuard, grantedStreamAccessOf } from '../access/stream-access.guard';
import { expiredFrame } from '../hub/event-frames';
import { atTime } from './at-time';
import { HubService } from '../hub/hub.service';
import { BanGuard } from '../moderation/ban.guard';
import { ModeratedStreams } from '../moderation/moderated-streams';
import { farewellFrame } from '../sse/sse-frames';
import { type EventStream, eventStream } from '../sse/event-stream';
import { EventStreams } from '../sse/event-streams';
import {
  DocDeleteMessage,
  DocEditMessage,
  DocEvents,
  DocHistory,
  DocPostMessage,
  DocRooms,
  DocRoomsEvents,
  DocSettings,
  DocTyping,
} from './chat-docs.decorators';
import { DisplayName } from './display-name.param';
import { MessageId } from './message-id.param';
import { HistoryQueryDto } from './history-query.dto';
import { IdempotencyKey } from './idempotency-key';
import { lastEventIdOf } from './last-event-id';
import { MessageDeletion } from './message-deletion.service';
import { RoomsOverview } from './rooms-overview.service';
import { Typing } from './typing.service';
import { MessageEdits } from './message-edits.service';
import { Moderation } from '../moderation/moderation.service';
import { RoomName } from './room-name.param';

/** The overview stream's "room" for the stream caps and metrics: no room name has parentheses. */
const ROOMS_OVERVIEW_LABEL = '(rooms)';

/** The last frame of a stream a moderator removes: its client may try again in 5 s (and is refused while banned). */
const REMOVED_FRAME = farewellFrame(5_000, 'removed by a moderator');

const roomParam = ApiParam({ name: 'room', type: String, description: 'Room name: 1 to 32 of a-z, 0-9 and "-".', example: 'lobby' });
const idParam = ApiParam({
  name: 'id',
  type: String,
  description: "The message's id, as the stream and history give it.",
  example: '1732450000000-0',
});

/**
 * The chat's HTTP surface: post, read history, subscribe. Paths without a room mean the lobby; they are
 * methods of their own (not a second path of the same route) so the OpenAPI document describes them
 * without a room parameter.
 */
@ApiTags('chat')
@Controller()
export class ChatController {
  constructor(
    private readonly hub: HubService,
    private readonly access: RoomAccess,
    private readonly limits: PostLimits,
    private readonly moderated: ModeratedStreams,
    private readonly deletion: MessageDeletion,
    private readonly overview: RoomsOverview,
    private readonly typist: Typing,
    private readonly edits: MessageEdits,
    private readonly moderation: Moderation,
    private readonly streams: EventStreams,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('settings')
  @DocSettings()
  settings(): ChatSettings {
    return { messageDeleteWindowS: this.config.messageDeleteWindowS, messageEditWindowS: this.config.messageEditWindowS };
  }

  @Get('rooms')
  @DocRooms()
  async rooms(@Headers('authorization') authorization?: string): Promise<RoomSummary[]> {
    const maySee = await this.access.maySee(authorization);
    return (await this.hub.rooms()).filter((room) => maySee(room.name));
  }

  @Sse('rooms/events')
  @DocRoomsEvents()
  roomsEvents(@Req() request: Request, @Headers('authorization') authorization?: string): Observable<never> {
    // Which private rooms the token may see is known once it is verified.
    const overview = from(this.access.maySee(authorization)).pipe(
      map((maySee): EventStream => ({ room: ROOMS_OVERVIEW_LABEL, open: (sink: FrameSink) => this.overview.watch(sink, maySee) })),
    );
    return this.streams.open(request, overview);
  }

  @Post('rooms/:room/messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(PosterIdentityGuard, BanGuard, IpPostLimitGuard)
  @roomParam
  @DocPostMessage()
  async post(
    @RoomName() room: string,
    @ValidBody() body: CreateMessageDto,
    @ClientAddress() address: string,
    @Poster() poster: Identity | null,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PostAccepted> {
    const author = this.access.authorOf(poster, body.author);
    // Backends posting with an API key are trusted with their own pace. A post without a session has no
    // allowance by name (anyone could use up another's by typing it): the per-address limit holds it.
    const origin = poster?.origin;
    if (poster && !origin) this.limits.checkAuthor(poster.authorId, author);
    if ((await this.hub.roomFor(room)) === 'new' && !origin) this.limits.checkNewRoom(address);
    const draft = { author, text: body.text, idempotencyKey, origin, authorId: poster?.authorId };
    const { replayed, ...accepted } = await this.hub.publish(room, draft);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return accepted;
  }

  @Get('rooms/:room/messages')
  @roomParam
  @DocHistory()
  async history(
    @RoomName() room: string,
    @ValidQuery() query: HistoryQueryDto,
    @Headers('authorization') authorization?: string,
  ): Promise<HistoryPage> {
    await this.access.authorizeRead(authorization, room);
    return this.hub.history(room, query.before ?? null, query.limit ?? HISTORY_PAGE_DEFAULT_LIMIT);
  }

  @Delete('rooms/:room/messages/:id')
  @roomParam
  @idParam
  @DocDeleteMessage()
  async deleteMessage(
    @RoomName() room: string,
    @MessageId() id: string,
    @Headers('authorization') authorization?: string,
    @Headers('x-api-key') apiKey?: string,
  ): Promise<MessageDeleted> {
    const actor = await this.access.identifyActor(authorization, apiKey, 'delete a message');
    return this.deletion.delete(room, id, actor);
  }

  @Post('rooms/:room/typing')
  @HttpCode(HttpStatus.NO_CONTENT)
  @roomParam
  @DocTyping()
  async typing(
    @RoomName() room: string,
    @ClientAddress() address: string,
    @Headers('authorization') authorization?: string,
    @Headers('x-api-key') apiKey?: string,
  ): Promise<void> {
    const typist = await this.access.identifyMember(authorization, apiKey, room, 'say you are typing');
    this.moderation.refuseBanned(room, typist.authorId, address);
    await this.typist.typing(room, typist);
  }

  @Patch('rooms/:room/messages/:id')
  @roomParam
  @idParam
  @DocEditMessage()
  async editMessage(
    @RoomName() room: string,
    @MessageId() id: string,
    @ValidBody() body: EditMessageDto,
    @ClientAddress() address: string,
    @Headers('authorization') authorization?: string,
    @Headers('x-api-key') apiKey?: string,
  ): Promise<ChatMessage> {
    const author = await this.access.identifyActor(authorization, apiKey, 'edit a message');
    this.moderation.refuseBanned(room, author.authorId, address);
    return this.edits.edit(room, id, body.text, author);
  }

  @Sse('rooms/:room/events')
  @UseGuards(StreamAccessGuard, BanGuard)
  @roomParam
  @DocEvents()
  // What needs no check is read from the request: Nest resolves each parameter through promises of its
  // own, and a stream connect is where that shows.
  events(@RoomName() room: string, @DisplayName() name: string | null, @Req() request: Request): Observable<never> {
    const access = grantedStreamAccessOf(request) ?? NO_STREAM_GRANT;
    const address = clientIp(request);
    // A verified name counts as its person; a bare ?name= as just that name.
    const verified = access.name !== null;
    const options = {
      lastEventId: lastEventIdOf(request),
      name: verified ? access.name : name,
      authorId: verified ? (access.authorId ?? null) : null,
    };
    const expiredAt = access.endsAt;
    const stream = eventStream(room, (sink, end) => {
      const leave = this.hub.join(room, options, sink);
      // A stream lasts no longer than the token that let it in, nor past a moderator's ban or kick.
      const cancel =
        expiredAt === null ? null : atTime(expiredAt, () => end(expiredFrame({ expiredAt: new Date(expiredAt).toISOString() })));
      const moderated = { room, authorId: options.authorId, address, end: () => end(REMOVED_FRAME) };
      this.moderated.track(moderated);
      return () => {
        cancel?.();
        this.moderated.untrack(moderated);
        leave();
      };
    });
    return this.streams.open(request, stream);
  }

  @Post('messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(PosterIdentityGuard, BanGuard, IpPostLimitGuard)
  @DocPostMessage(true)
  postToLobby(
    @ValidBody() body: CreateMessageDto,
    @ClientAddress() address: string,
    @Poster() poster: Identity | null,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PostAccepted> {
    return this.post(DEFAULT_ROOM, body, address, poster, idempotencyKey, response);
  }

  @Get('messages')
  @DocHistory(true)
  lobbyHistory(@ValidQuery() query: HistoryQueryDto, @Headers('authorization') authorization?: string): Promise<HistoryPage> {
    return this.history(DEFAULT_ROOM, query, authorization);
  }

  @Delete('messages/:id')
  @idParam
  @DocDeleteMessage(true)
  lobbyDeleteMessage(
    @MessageId() id: string,
    @Headers('authorization') authorization?: string,
    @Headers('x-api-key') apiKey?: string,
  ): Promise<MessageDeleted> {
    return this.deleteMessage(DEFAULT_ROOM, id, authorization, apiKey);
  }

  @Sse('events')
  @UseGuards(StreamAccessGuard, BanGuard)
  @DocEvents(true)
  lobbyEvents(@DisplayName() name: string | null, @Req() request: Request): Observable<never> {
    return this.events(DEFAULT_ROOM, name, request);
  }
}
