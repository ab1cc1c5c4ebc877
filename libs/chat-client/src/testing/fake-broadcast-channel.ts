/**
 * BroadcastChannel within one test: a message reaches every other open channel of the same name, later (as
 * a task does in a browser), and never the channel that posted it.
 */
export class FakeBroadcastChannel {
  static readonly open = new Set<FakeBroadcastChannel>();

  onmessage: ((event: MessageEvent) => void) | null = null;
  private closed = false;

  /** Closes the channels of earlier tests. */
  static reset(): void {
    for (const channel of [...FakeBroadcastChannel.open]) channel.close();
  }

  constructor(readonly name: string) {
    FakeBroadcastChannel.open.add(this);
  }

  postMessage(message: unknown): void {
    if (this.closed) throw new Error('InvalidStateError: the channel is closed');
    // A copy, as the browser's structured clone makes: no object is shared between tabs.
    const data = JSON.parse(JSON.stringify(message)) as unknown;
    for (const other of FakeBroadcastChannel.open) {
      if (other === this || other.name !== this.name) continue;
      void Promise.resolve().then(() => {
        if (!other.closed) other.onmessage?.(new MessageEvent('message', { data }));
      });
    }
  }

  close(): void {
    this.closed = true;
    FakeBroadcastChannel.open.delete(this);
  }
}
