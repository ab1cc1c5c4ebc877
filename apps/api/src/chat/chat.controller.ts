import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { DEFAULT_ROOM, HISTORY_PAGE_DEFAULT_LIMIT, HistoryPage, PostAccepted, RoomSummary } from '@herald/contracts';
import { CreateMessageDto } from '@herald/contracts/dto';
import { Observable } from 'rxjs';
import { RoomAccess, type StreamAccess } from '../auth/room-access.service';
import { GrantedStreamAccess, StreamAccessGuard } from '../auth/stream-access.guard';
import { HubService } from '../hub/hub.service';
import { ConnectionCapGuard } from '../limits/connection-cap.guard';
import { IpPostLimitGuard } from '../limits/ip-post-limit.guard';
import { PostLimits } from '../limits/post-limits.service';
import { DocEvents, DocHistory, DocPostMessage, DocRooms } from './chat-docs.decorators';
import { DisplayNamePipe } from './display-name.pipe';
import { HistoryQueryDto } from './history-query.dto';
import { pickLastEventId } from './last-event-id';
import { RoomNamePipe } from './room-name.pipe';
import { DirectSink, type SseSink } from './sse/sse-sink';
import { SseStream } from './sse/sse-stream.decorator';

const roomParam = ApiParam({ name: 'room', description: 'Room name: 1 to 32 of a-z, 0-9 and "-".', example: 'lobby' });

/** The chat's HTTP surface: post, read history, subscribe. Paths without a room mean the lobby. */
@ApiTags('chat')
@Controller()
export class ChatController {
  constructor(
    private readonly hub: HubService,
    private readonly access: RoomAccess,
    private readonly limits: PostLimits,
  ) {}

  @Get('rooms')
  @DocRooms()
  rooms(): Promise<RoomSummary[]> {
    return this.hub.rooms();
  }

  @Post('rooms/:room/messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(IpPostLimitGuard)
  @roomParam
  @DocPostMessage()
  post(
    @Param('room', RoomNamePipe) room: string,
    @Body() body: CreateMessageDto,
    @Headers('authorization') authorization?: string,
  ): Promise<PostAccepted> {
    this.access.authorizePost(authorization, room, body.author);
    this.limits.checkAuthor(body.author);
    return this.hub.publish(room, body);
  }

  @Get('rooms/:room/messages')
  @roomParam
  @DocHistory()
  history(
    @Param('room', RoomNamePipe) room: string,
    @Query() query: HistoryQueryDto,
    @Headers('authorization') authorization?: string,
  ): Promise<HistoryPage> {
    this.access.authorizeRead(authorization, room);
    return this.hub.history(room, query.before ?? null, query.limit ?? HISTORY_PAGE_DEFAULT_LIMIT);
  }

  @SseStream('rooms/:room/events')
  @UseGuards(StreamAccessGuard, ConnectionCapGuard)
  @roomParam
  @DocEvents()
  events(
    @Param('room', RoomNamePipe) room: string,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Query('name', DisplayNamePipe) name: string | null,
    @GrantedStreamAccess() access: StreamAccess,
    @DirectSink() sink?: SseSink,
  ): Observable<Buffer> {
    return this.hub.stream(room, pickLastEventId(lastEventIdHeader, lastEventIdQuery), access.name ?? name, sink);
  }

  @Post('messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(IpPostLimitGuard)
  @DocPostMessage(true)
  postToLobby(@Body() body: CreateMessageDto, @Headers('authorization') authorization?: string): Promise<PostAccepted> {
    return this.post(DEFAULT_ROOM, body, authorization);
  }

  @Get('messages')
  @DocHistory(true)
  lobbyHistory(@Query() query: HistoryQueryDto, @Headers('authorization') authorization?: string): Promise<HistoryPage> {
    return this.history(DEFAULT_ROOM, query, authorization);
  }

  @SseStream('events')
  @UseGuards(StreamAccessGuard, ConnectionCapGuard)
  @DocEvents(true)
  lobbyEvents(
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Query('name', DisplayNamePipe) name: string | null,
    @GrantedStreamAccess() access: StreamAccess,
    @DirectSink() sink?: SseSink,
  ): Observable<Buffer> {
    return this.events(DEFAULT_ROOM, lastEventIdHeader, lastEventIdQuery, name, access, sink);
  }
}
