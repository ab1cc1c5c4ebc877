import type Redis from 'ioredis';
import { StoreUnavailableError } from '../../../errors/store-unavailable.error';

/** Runs a command, turning "Redis is unreachable" into the error the API answers with 503. */
export async function runCommand<T>(commands: Redis, command: () => Promise<T>): Promise<T> {
  if (commands.status !== 'ready') throw new StoreUnavailableError();
  try {
    return await command();
  } catch (err) {
    if (commands.status !== 'ready' || isConnectionError(err)) throw new StoreUnavailableError(5, err);
    throw err;
  }
}

function isConnectionError(err: unknown): boolean {
  const message = (err as Error)?.message ?? '';
  return /Connection is closed|ECONNREFUSED|ECONNRESET|enableOfflineQueue|Stream isn't writeable|MaxRetriesPerRequest/i.test(message);
}
