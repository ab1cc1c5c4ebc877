import { ValidateBy } from 'class-validator';
import { displayNameProblem, normalizeName } from './limits';

/** Normalises a string field as a display name (NFC, trimmed) before it is checked; anything else is left for the checks. */
export const asDisplayName = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeName(value) : value);

/** A display name by the one rule of {@link displayNameProblem}; `field` names it in the message. */
export function IsDisplayName(field: string): PropertyDecorator {
  return ValidateBy({
    name: 'isDisplayName',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && displayNameProblem(value) === null,
      defaultMessage: (args) => `${field} ${displayNameProblem(String(args?.value ?? '')) ?? 'is not valid'}`,
    },
  });
}
