import { Module } from '@nestjs/common';
import { RoomAccess } from './room-access.service';
import { StreamAccessGuard } from './stream-access.guard';
import { StreamTicketsController } from './stream-tickets.controller';

@Module({
  controllers: [StreamTicketsController],
  providers: [RoomAccess, StreamAccessGuard],
  exports: [RoomAccess, StreamAccessGuard],
})
export class AuthModule {}
