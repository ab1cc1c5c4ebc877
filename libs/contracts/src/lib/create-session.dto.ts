import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { IsDisplayName, asDisplayName } from './display-name.validator';

/** Body of `POST /api/session`: the display name a guest session speaks under, normalised to NFC and trimmed first. */
export class CreateSessionDto {
  /** The display name; renewing a session with another name renames it and keeps its identity. */
  @Transform(asDisplayName)
  @IsString({ message: 'name must be a string' })
  @IsDisplayName('name')
  name!: string;
}
