import { type GuestKeyStore, newGuestKey } from '../guest-key-store';

/** A key of this process: sessions last as long as it runs, which is all a memory store keeps anyway. */
export class MemoryGuestKey implements GuestKeyStore {
  private readonly value = newGuestKey();

  async key(): Promise<string> {
    return this.value;
  }
}
