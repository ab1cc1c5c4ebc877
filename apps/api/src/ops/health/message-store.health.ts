import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HubService } from '../../hub/hub.service';

/** Terminus indicator `messageStore`: up while the hub's message store can be reached or written (always, in memory). */
@Injectable()
export class MessageStoreHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly hub: HubService,
  ) {}

  check(): HealthIndicatorResult<'messageStore'> {
    const indicator = this.indicators.check('messageStore');
    return this.hub.isAvailable
      ? indicator.up()
      : indicator.down({ message: 'The message store cannot be reached or written (Redis down, or the SQLite writer stopped).' });
  }
}
