const UNREACHABLE = 'The message store is unreachable right now; nothing was stored. Retry in a few seconds.';
/** A command that was sent but not answered in time may still be carried out once the store answers again. */
const NO_ANSWER = 'The message store did not answer in time. A post may still have been stored: check the room before you post it again.';

/** The message store cannot be reached or does not answer (e.g. Redis is down or stalled); the client may retry. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly retryAfterSeconds = 5,
    cause?: unknown,
    /** True when the command was sent and its answer did not come in time. */
    readonly mayHaveHappened = false,
  ) {
    super(mayHaveHappened ? NO_ANSWER : UNREACHABLE, { cause });
    this.name = 'StoreUnavailableError';
  }
}
