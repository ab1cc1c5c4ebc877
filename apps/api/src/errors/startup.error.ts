/** The server cannot start, for a reason a person can act on; its message is printed as it is. */
export class StartupError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StartupError';
  }
}
