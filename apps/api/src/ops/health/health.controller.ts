import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ApiErrorSchema } from '../../errors/api-error.schema';
import { MessageStoreHealth } from './message-store.health';

const okExample = (info: Record<string, unknown>) => ({ status: 'ok', info, error: {}, details: info });

/** Probes for load balancers and orchestrators, answered by Terminus. */
@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly messageStore: MessageStoreHealth,
  ) {}

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness: the process answers',
    description: 'Stays up while Redis is down: restarting would not bring it back.',
  })
  @ApiOkResponse({ description: 'The process answers.', schema: { example: okExample({}) } })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: the message store can be reached',
    description: 'Answers 503 while Redis (when configured) is unreachable, and while the server shuts down.',
  })
  @ApiOkResponse({ description: 'Ready to take posts and streams.', schema: { example: okExample({ messageStore: { status: 'up' } }) } })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the message says why.', type: ApiErrorSchema })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.messageStore.check()]);
    } catch (err) {
      // Terminus answers its result object; the API answers errors as { statusCode, error, message }.
      throw err instanceof ServiceUnavailableException
        ? new ServiceUnavailableException(`Not ready: ${downMessages(err.getResponse())}`)
        : err;
    }
  }
}

/** The messages of the indicators that are down, from Terminus's result. */
function downMessages(result: unknown): string {
  const error = (result as Partial<HealthCheckResult>)?.error ?? {};
  const messages = Object.entries(error).map(([key, value]) =>
    typeof value?.['message'] === 'string' ? value['message'] : `${key} is down.`,
  );
  return messages.join(' ') || 'a health check failed.';
}
