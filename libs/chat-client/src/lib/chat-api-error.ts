import type { ApiError } from '@herald/contracts';

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

/** The server's own explanation of a failed answer (`{ message }`), else its status line. */
export async function errorMessageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (typeof body.message === 'string' && body.message.trim()) return body.message;
  } catch {
    // Not JSON (a proxy's error page, for instance): fall through to the status line.
  }
  return `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
}
