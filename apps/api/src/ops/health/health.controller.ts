import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HubService } from '../hub/hub.service';
import { ApiErrorSchema } from '../chat/openapi/chat-schemas';

/** Probes for load balancers and orchestrators. */
@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(private readonly hub: HubService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers', description: 'Stays up while Redis is down: restarting would not bring it back.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the message store can be reached', description: 'Answers 503 while Redis (when configured) is unreachable.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  @ApiServiceUnavailableResponse({ type: ApiErrorSchema })
  ready(): { status: 'ok' } {
    if (!this.hub.isAvailable) throw new ServiceUnavailableException('The message store (Redis) is unreachable.');
    return { status: 'ok' };
  }
}
