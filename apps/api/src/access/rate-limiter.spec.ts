import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows `limit` hits per window and tells how long to wait after that', () => {
    const limiter = new RateLimiter(3, 10_000);
    expect([0, 1, 2].map((i) => limiter.hit('ip:a', 1_000 + i))).toEqual([0, 0, 0]);
    expect(limiter.hit('ip:a', 4_000)).toBe(7_000);
  });

  it('counts keys apart and starts afresh in the next window', () => {
    const limiter = new RateLimiter(1, 1_000);
    expect(limiter.hit('ip:a', 0)).toBe(0);
    expect(limiter.hit('ip:b', 0)).toBe(0);
    expect(limiter.hit('ip:a', 500)).toBe(500);
    expect(limiter.hit('ip:a', 1_000)).toBe(0);
  });
});
