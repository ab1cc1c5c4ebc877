import { StoreUnavailableError } from '../../../errors/store-unavailable.error';
import { CommandHealth, isCommandTimeout } from './command-health';

/**
 * Runs a command, turning "Redis is unreachable or does not answer in time" into the error the API answers
 * with 503. While Redis is known not to answer, the command is not even sent: it would only wait out the
 * timeout, and might still be run once Redis resumes.
 */
export async function runCommand<T>(health: CommandHealth, command: () => Promise<T>): Promise<T> {
  if (!health.isAvailable) throw new StoreUnavailableError();
  try {
    return await health.observe(command());
  } catch (err) {
    if (isCommandTimeout(err)) throw new StoreUnavailableError(5, err, true);
    if (!health.isAvailable || isConnectionError(err)) throw new StoreUnavailableError(5, err);
    throw err;
  }
}

function isConnectionError(err: unknown): boolean {
  const message = (err as Error)?.message ?? '';
  return /Connection is closed|ECONNREFUSED|ECONNRESET|enableOfflineQueue|Stream isn't writeable|MaxRetriesPerRequest/i.test(message);
}
