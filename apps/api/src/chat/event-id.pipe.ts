import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isEventId } from '@herald/contracts';

/** Refuses a message id that is not an event id (`<milliseconds>-<sequence>`) before any handler runs. */
@Injectable()
export class EventIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (!isEventId(value)) throw new BadRequestException('id must be a message id as the stream gives it: <milliseconds>-<sequence>');
    return value as string;
  }
}
