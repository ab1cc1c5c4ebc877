import { Body, Query, ValidationPipe } from '@nestjs/common';

/**
 * The one validation of request bodies and queries against their DTO classes (`@herald/contracts/dto`): an
 * unknown field is refused, and the values come out as the DTO's types. It is bound to those parameters, not
 * globally: Nest runs every parameter with a pipe through promises of its own, so a global pipe made each stream
 * connect pay for two parameters it had nothing to check (a room and a name, checked by decorators of their own).
 */
export const DTO_VALIDATION = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/** The request body, validated against its DTO class. */
export const ValidBody = (): ParameterDecorator => Body(DTO_VALIDATION);

/** The query string, validated against its DTO class. */
export const ValidQuery = (): ParameterDecorator => Query(DTO_VALIDATION);
