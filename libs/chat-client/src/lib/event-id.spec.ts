import { compareEventIds } from './event-id';

describe('compareEventIds', () => {
  it('orders by milliseconds, then by sequence, numerically', () => {
    const ids = ['1732450000000-10', '1732450000001-0', '1732450000000-9', '999999999999-5'];
    expect([...ids].sort(compareEventIds)).toEqual(['999999999999-5', '1732450000000-9', '1732450000000-10', '1732450000001-0']);
  });

  it('treats equal ids as equal', () => {
    expect(compareEventIds('5-1', '5-1')).toBe(0);
  });
});
