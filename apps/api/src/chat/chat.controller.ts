import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { DEFAULT_ROOM, HISTORY_PAGE_DEFAULT_LIMIT, HistoryPage, PostAccepted, RoomSummary } from '@herald/contracts';
import { CreateMessageDto } from '@herald/contracts/dto';
import { Observable } from 'rxjs';
import { HubService } from '../hub/hub.service';
import { DocEvents, DocHistory, DocPostMessage, DocRooms } from './chat-docs.decorators';
import { DisplayNamePipe } from './display-name.pipe';
import { HistoryQueryDto } from './history-query.dto';
import { pickLastEventId } from './last-event-id';
import { RoomNamePipe } from './room-name.pipe';
import { SseStream } from './sse/sse-stream.decorator';

const roomParam = ApiParam({ name: 'room', description: 'Room name: 1 to 32 of a-z, 0-9 and "-".', example: 'lobby' });

/** The chat's HTTP surface: post, read history, subscribe. Paths without a room mean the lobby. */
@ApiTags('chat')
@Controller()
export class ChatController {
  constructor(private readonly hub: HubService) {}

  @Get('rooms')
  @DocRooms()
  rooms(): Promise<RoomSummary[]> {
    return this.hub.rooms();
  }

  @Post('rooms/:room/messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @roomParam
  @DocPostMessage()
  post(@Param('room', RoomNamePipe) room: string, @Body() body: CreateMessageDto): Promise<PostAccepted> {
    return this.hub.publish(room, body);
  }

  @Get('rooms/:room/messages')
  @roomParam
  @DocHistory()
  history(@Param('room', RoomNamePipe) room: string, @Query() query: HistoryQueryDto): Promise<HistoryPage> {
    return this.hub.history(room, query.before ?? null, query.limit ?? HISTORY_PAGE_DEFAULT_LIMIT);
  }

  @SseStream('rooms/:room/events')
  @roomParam
  @DocEvents()
  events(
    @Param('room', RoomNamePipe) room: string,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Query('name', DisplayNamePipe) name: string | null,
  ): Observable<Buffer> {
    return this.hub.stream(room, pickLastEventId(lastEventIdHeader, lastEventIdQuery), name);
  }

  @Post('messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @DocPostMessage(true)
  postToLobby(@Body() body: CreateMessageDto): Promise<PostAccepted> {
    return this.post(DEFAULT_ROOM, body);
  }

  @Get('messages')
  @DocHistory(true)
  lobbyHistory(@Query() query: HistoryQueryDto): Promise<HistoryPage> {
    return this.history(DEFAULT_ROOM, query);
  }

  @SseStream('events')
  @DocEvents(true)
  lobbyEvents(
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Query('name', DisplayNamePipe) name: string | null,
  ): Observable<Buffer> {
    return this.events(DEFAULT_ROOM, lastEventIdHeader, lastEventIdQuery, name);
  }
}
