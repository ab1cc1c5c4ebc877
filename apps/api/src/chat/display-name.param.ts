import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { displayNameProblem, normalizeName } from '@herald/contracts';
import type { Request } from 'express';

/**
 * The optional `?name=` of a stream, checked as a post's author is (a 400 when it is not a display name);
 * absent or blank means anonymous. A checking decorator rather than a pipe, as {@link RoomName} says why.
 */
export const DisplayName = createParamDecorator((_: unknown, context: ExecutionContext): string | null => {
  const value: unknown = context.switchToHttp().getRequest<Request>().query['name'];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw new BadRequestException('name must be a single display name');
  const name = normalizeName(value);
  if (name === '') return null;
  const problem = displayNameProblem(name);
  if (problem) throw new BadRequestException(`name ${problem}`);
  return name;
});
