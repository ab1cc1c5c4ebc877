import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { displayNameProblem, normalizeName } from '@herald/contracts';

/** The optional `?name=` of a stream: checked as a post's author is; absent or blank means anonymous. */
@Injectable()
export class DisplayNamePipe implements PipeTransform<unknown, string | null> {
  transform(value: unknown): string | null {
    if (value === undefined) return null;
    if (typeof value !== 'string') throw new BadRequestException('name must be a single display name');
    const name = normalizeName(value);
    if (name === '') return null;
    const problem = displayNameProblem(name);
    if (problem) throw new BadRequestException(`name ${problem}`);
    return name;
  }
}
