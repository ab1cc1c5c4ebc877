import { newSendKey } from './send-key';

describe('newSendKey', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is a new key each time, of visible ASCII as an Idempotency-Key must be', () => {
    const keys = Array.from({ length: 50 }, newSendKey);
    expect(new Set(keys).size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[\x21-\x7e]{1,255}$/);
  });

  it('still makes random keys where randomUUID is missing (a page over plain http)', () => {
    const real = globalThis.crypto;
    const getRandomValues = real.getRandomValues.bind(real);
    jest.spyOn(globalThis, 'crypto', 'get').mockReturnValue({ getRandomValues } as Crypto);
    const keys = [newSendKey(), newSendKey()];
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });
});
