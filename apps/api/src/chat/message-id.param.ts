import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { isEventId } from '@herald/contracts';
import type { Request } from 'express';

/**
 * The route's `:id`, refused with a 400 before the handler runs when it is not a message id as the stream gives
 * it (`<milliseconds>-<sequence>`). A checking decorator rather than a pipe, as {@link RoomName} says why.
 */
export const MessageId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const id: unknown = context.switchToHttp().getRequest<Request>().params['id'];
  if (!isEventId(id)) throw new BadRequestException('id must be a message id as the stream gives it: <milliseconds>-<sequence>');
  return id as string;
});
