import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isRoomName } from '@herald/contracts';

/** Refuses a room name outside `^[a-z0-9-]{1,32}$` before any handler runs (so before SSE headers). */
@Injectable()
export class RoomNamePipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (!isRoomName(value)) {
      throw new BadRequestException('room must be 1 to 32 characters of lower-case letters, digits and "-"');
    }
    return value;
  }
}
