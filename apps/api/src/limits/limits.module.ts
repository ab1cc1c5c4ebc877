import { Module } from '@nestjs/common';
import { ConnectionCapGuard } from './connection-cap.guard';
import { ConnectionCounts } from './connection-counts';
import { IpPostLimitGuard } from './ip-post-limit.guard';
import { PostLimits } from './post-limits.service';

@Module({
  providers: [PostLimits, IpPostLimitGuard, ConnectionCounts, ConnectionCapGuard],
  exports: [PostLimits, IpPostLimitGuard, ConnectionCounts, ConnectionCapGuard],
})
export class LimitsModule {}
