import { compareEventIds, eventIdTime, isEventId } from './event-id';

describe('event ids', () => {
  it('orders by milliseconds, then by sequence, numerically', () => {
    expect(compareEventIds('1700000000000-9', '1700000000000-10')).toBeLessThan(0);
    expect(compareEventIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
    expect(compareEventIds('5-5', '5-5')).toBe(0);
    const ids = ['1732450000000-10', '1732450000001-0', '1732450000000-9', '999999999999-5'];
    expect([...ids].sort(compareEventIds)).toEqual(['999999999999-5', '1732450000000-9', '1732450000000-10', '1732450000001-0']);
  });

  it('puts no id and anything that is not an id before every id', () => {
    for (const none of [null, '', 'abc', '12', '1-2-3', ' 1-2']) {
      expect(compareEventIds(none, '0-0')).toBeLessThan(0);
      expect(compareEventIds('0-0', none)).toBeGreaterThan(0);
      expect(compareEventIds(none, null)).toBe(0);
    }
  });

  it('recognises the <milliseconds>-<sequence> shape and reads its time', () => {
    expect(isEventId('1795519310306-0')).toBe(true);
    expect(isEventId('1795519310306')).toBe(false);
    expect(isEventId(42)).toBe(false);
    expect(eventIdTime('1795519310306-7')).toBe(1795519310306);
  });
});
