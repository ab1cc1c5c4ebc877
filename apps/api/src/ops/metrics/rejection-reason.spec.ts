import { rejectionReason } from './rejection-reason';

describe('rejectionReason', () => {
  it('tells a body that is not a JSON object from one whose fields break the rules', () => {
    expect(rejectionReason(400, undefined)).toBe('bad_json');
    expect(rejectionReason(400, [1, 2])).toBe('bad_json');
    expect(rejectionReason(400, { author: 'Ada' })).toBe('validation');
  });

  it('names every other refusal after its status', () => {
    expect([401, 403, 413, 415, 429, 503, 507, 500].map((status) => rejectionReason(status, {}))).toEqual([
      'unauthorized',
      'forbidden',
      'too_large',
      'unsupported_media_type',
      'rate_limited',
      'unavailable',
      'too_many_rooms',
      'internal',
    ]);
  });
});
