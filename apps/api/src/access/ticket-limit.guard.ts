import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { clientIp } from './client-ip';
import { PostLimits } from './post-limits.service';

/** The per-address ticket limit, checked before the body is read: anonymous floods count too. */
@Injectable()
export class TicketLimitGuard implements CanActivate {
  constructor(private readonly limits: PostLimits) {}

  canActivate(context: ExecutionContext): boolean {
    this.limits.checkTicket(clientIp(context.switchToHttp().getRequest<Request>()));
    return true;
  }
}
