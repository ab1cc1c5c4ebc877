import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { AUTHOR_FORBIDDEN_PATTERN, AUTHOR_MAX_LENGTH } from '@herald/contracts';

/** The optional `?name=` of a stream: checked like a post's author; absent or blank means anonymous. */
@Injectable()
export class DisplayNamePipe implements PipeTransform<unknown, string | null> {
  transform(value: unknown): string | null {
    if (value === undefined) return null;
    const name = typeof value === 'string' ? value.trim() : null;
    if (name === '') return null;
    if (name === null || name.length > AUTHOR_MAX_LENGTH || AUTHOR_FORBIDDEN_PATTERN.test(name)) {
      throw new BadRequestException(`name must be 1 to ${AUTHOR_MAX_LENGTH} characters without control characters`);
    }
    return name;
  }
}
