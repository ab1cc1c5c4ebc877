import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { clientIp } from './client-ip';
import { posterOf } from './poster-identity.guard';
import { PostLimits } from './post-limits.service';

/**
 * The per-IP post limit, checked before the body is even validated: invalid floods count too. Backends
 * posting with an API key (identified by {@link PosterIdentityGuard}, which runs first) are not limited.
 */
@Injectable()
export class IpPostLimitGuard implements CanActivate {
  constructor(private readonly limits: PostLimits) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (posterOf(request)?.origin) return true;
    this.limits.checkIp(clientIp(request));
    return true;
  }
}
