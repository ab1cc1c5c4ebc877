import { linkify } from './message-links';
import { markMentions } from './message-mentions';

const mark = (text: string, names: string[], reader: string | null = 'Ada') => markMentions(text, linkify(text), names, reader);

describe('markMentions', () => {
  it('sets apart each known @name, telling a mention of the reader from one of someone else', () => {
    expect(mark('@ada and @Bob, look', ['Ada', 'Bob'])).toEqual([
      { text: '@ada', href: null, mention: 'you' },
      { text: ' and ', href: null, mention: null },
      { text: '@Bob', href: null, mention: 'other' },
      { text: ', look', href: null, mention: null },
    ]);
  });

  it('keeps links whole and working, and finds no mention inside one', () => {
    expect(mark('see https://example.com/@Ada then @Ada Lovelace', ['Ada', 'Ada Lovelace'])).toEqual([
      { text: 'see ', href: null, mention: null },
      { text: 'https://example.com/@Ada', href: 'https://example.com/@Ada', mention: null },
      { text: ' then ', href: null, mention: null },
      { text: '@Ada Lovelace', href: null, mention: 'other' },
    ]);
  });

  it('leaves text without known names as it is, markup included', () => {
    expect(mark('<b>@Zed</b>', ['Ada'])).toEqual([{ text: '<b>@Zed</b>', href: null, mention: null }]);
    expect(mark('@Ada', ['Ada'], null)).toEqual([{ text: '@Ada', href: null, mention: 'other' }]);
  });
});
