import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { clientIp } from './client-ip';
import { PostLimits } from './post-limits.service';

/** The per-IP post limit, checked before the body is even validated: invalid floods count too. */
@Injectable()
export class IpPostLimitGuard implements CanActivate {
  constructor(private readonly limits: PostLimits) {}

  canActivate(context: ExecutionContext): boolean {
    this.limits.checkIp(clientIp(context.switchToHttp().getRequest<Request>()));
    return true;
  }
}
