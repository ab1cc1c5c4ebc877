import { typingText } from './typing-text';

describe('typingText', () => {
  it('names one or two typists, and no more', () => {
    expect(typingText([])).toBe('');
    expect(typingText([{ name: 'Ada' }])).toBe('Ada is typing…');
    expect(typingText([{ name: 'Ada' }, { name: 'Bob' }])).toBe('Ada and Bob are typing…');
    expect(typingText([{ name: 'Ada' }, { name: 'Bob' }, { name: 'Cy' }])).toBe('Several people are typing…');
  });
});
