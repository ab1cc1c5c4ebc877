import { MESSAGE_TEXT_MAX_LENGTH } from '@herald/contracts';
import { checkMessageText } from './message-text-check';

describe('checkMessageText', () => {
  it('takes a text of 1 to the most characters after trimming, with no countdown far from the limit', () => {
    expect(checkMessageText('  hi ')).toEqual({ remaining: MESSAGE_TEXT_MAX_LENGTH - 2, forbidden: false, countdown: null, valid: true });
    expect(checkMessageText(' \n ').valid).toBe(false);
  });

  it('counts down near the limit and says how many are too many past it, in code points', () => {
    expect(checkMessageText('x'.repeat(MESSAGE_TEXT_MAX_LENGTH - 10)).countdown).toBe('10 characters left');
    const over = checkMessageText('\u{1F600}'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1));
    expect(over).toMatchObject({ remaining: -1, valid: false, countdown: '1 character too many: remove them to send' });
  });

  it('refuses control characters, but not line feeds and tabs', () => {
    expect(checkMessageText('bell\u0007')).toMatchObject({ forbidden: true, valid: false });
    expect(checkMessageText('a\n\tb').valid).toBe(true);
  });
});
