/** The message store cannot be reached (e.g. Redis is down): nothing was stored, the client may retry. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly retryAfterSeconds = 5,
    cause?: unknown,
  ) {
    super('The message store is unreachable right now; nothing was stored. Retry in a few seconds.', { cause });
    this.name = 'StoreUnavailableError';
  }
}
