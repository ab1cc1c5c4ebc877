import type { Stores } from '../stores';
import type { StoreLimits } from '../store-limits';
import { MemoryMessageStore } from './memory-message-store';
import { createProcessLocalParts, processStores, type ProcessLocalParts } from './process-local-parts';

/** Every store in this process's memory (HERALD_STORE=memory:): nothing to install, nothing kept on restart. */
export function createMemoryStores(limits: StoreLimits, now: () => number = Date.now): Stores {
  let local: ProcessLocalParts | null = null;
  const messages = new MemoryMessageStore(limits, (event) => local?.deliver(event), now);
  const parts = createProcessLocalParts((room) => messages.newestId(room));
  local = parts;
  return processStores(messages, parts, () => messages.clear());
}
