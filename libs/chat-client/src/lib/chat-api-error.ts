import type { ApiError } from '@herald/contracts';

/** A failed API call, carrying the server's own explanation when it sent one. */
export class ChatApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached at all. */
    readonly status: number,
    /** On the 403 of a moderator's ban: the ISO 8601 time at which it ends. Null for every other failure. */
    readonly bannedUntil: string | null = null,
    /** On such a 403, the moderator's reason when they gave one. */
    readonly banReason: string | null = null,
  ) {
    super(message);
    this.name = 'ChatApiError';
  }
}

/**
 * The error a failed answer stands for: the server's own explanation (`{ message }`, with `bannedUntil` on a
 * ban), else its status line.
 */
export async function errorOf(response: Response): Promise<ChatApiError> {
  try {
    const body = (await response.json()) as Partial<ApiError>;
    const bannedUntil = typeof body.bannedUntil === 'string' ? body.bannedUntil : null;
    const banReason = typeof body.banReason === 'string' ? body.banReason : null;
    if (typeof body.message === 'string' && body.message.trim()) {
      return new ChatApiError(body.message, response.status, bannedUntil, banReason);
    }
  } catch {
    // Not JSON (a proxy's error page, for instance): fall through to the status line.
  }
  const statusLine = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  return new ChatApiError(statusLine, response.status);
}
