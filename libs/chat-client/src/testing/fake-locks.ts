interface Waiter {
  callback: (lock: unknown) => Promise<void>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
}

/**
 * Exclusive Web Locks within one test: `request` waits while another holder keeps the lock, is granted in
 * order, holds it until its callback's promise settles, and rejects with AbortError when aborted first.
 */
export class FakeLocks {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Waiter[]>();

  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { callback, resolve, reject, signal: options.signal };
      if (options.signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
      options.signal?.addEventListener('abort', () => {
        const queue = this.queues.get(name) ?? [];
        const index = queue.indexOf(waiter);
        if (index < 0) return;
        queue.splice(index, 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
      this.queue(name).push(waiter);
      this.grant(name);
    });
  }

  /** Whether someone holds `name`. */
  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  private queue(name: string): Waiter[] {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = []));
    return queue;
  }

  private grant(name: string): void {
    if (this.held.has(name)) return;
    const next = this.queue(name).shift();
    if (!next) return;
    this.held.add(name);
    void Promise.resolve()
      .then(() => next.callback({ name }))
      .then(next.resolve, next.reject)
      .finally(() => {
        this.held.delete(name);
        this.grant(name);
      });
  }
}
