import { linkify } from './message-links';

/** The parts as `[text]` for plain runs and `[text, href]` for links. */
const parts = (text: string) => linkify(text).map((p) => (p.href === null ? [p.text] : [p.text, p.href]));

describe('linkify', () => {
  it('links http and https addresses inside text, keeping the rest as it is', () => {
    expect(parts('see https://herald.example/docs?a=1#top and http://old.example too')).toEqual([
      ['see '],
      ['https://herald.example/docs?a=1#top', 'https://herald.example/docs?a=1#top'],
      [' and '],
      ['http://old.example', 'http://old.example'],
      [' too'],
    ]);
  });

  it('links www. addresses, opening them over https', () => {
    expect(parts('www.example.org/path')).toEqual([['www.example.org/path', 'https://www.example.org/path']]);
  });

  it('leaves the punctuation that ends a sentence out of the address, but keeps brackets that belong to it', () => {
    expect(parts('Read https://example.com/a.')).toEqual([['Read '], ['https://example.com/a', 'https://example.com/a'], ['.']]);
    expect(parts('(see https://example.com/x)')).toEqual([['(see '], ['https://example.com/x', 'https://example.com/x'], [')']]);
    expect(parts('https://en.wikipedia.org/wiki/Foo_(bar)!')).toEqual([
      ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
      ['!'],
    ]);
  });

  it('never links another scheme, and never an address that leads nowhere', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.example', 'https://', 'www.', 'http://.']) {
      expect(linkify(text).every((p) => p.href === null)).toBe(true);
    }
    expect(linkify('JAVASCRIPT://%0aalert(1)').every((p) => p.href === null)).toBe(true);
  });

  it('does not start an address inside a word or an e-mail address', () => {
    expect(parts('ada@www.example.org')).toEqual([['ada@www.example.org']]);
    expect(parts('xhttps://example.com')).toEqual([['xhttps://example.com']]);
  });

  it('stops an address at quotes and angle brackets, so markup stays text around it', () => {
    expect(parts('<a href="https://evil.example">x</a>')).toEqual([
      ['<a href="'],
      ['https://evil.example', 'https://evil.example'],
      ['">x</a>'],
    ]);
  });

  it('keeps addresses in right-to-left text and with letters of other scripts', () => {
    expect(parts('ראו https://he.wikipedia.org/wiki/שלום עכשיו')).toEqual([
      ['ראו '],
      ['https://he.wikipedia.org/wiki/שלום', 'https://he.wikipedia.org/wiki/שלום'],
      [' עכשיו'],
    ]);
  });

  it('gives the text back whole when it holds no address, and nothing for no text', () => {
    expect(parts('just words. and dots.')).toEqual([['just words. and dots.']]);
    expect(linkify('')).toEqual([]);
  });
});
