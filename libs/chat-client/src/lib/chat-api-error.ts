/** A failed API call, carrying the server's own explanation when it sent one. */
export class ChatApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached at all. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'ChatApiError';
  }
}
