import { TestBed } from '@angular/core/testing';
import { DraftStore } from './draft.store';

describe('DraftStore', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps one draft per room in session storage, and forgets an empty one', () => {
    const drafts = TestBed.inject(DraftStore);
    drafts.set('lobby', 'half a thought');
    drafts.set('news', 'breaking');
    expect(drafts.get('lobby')).toBe('half a thought');
    expect(drafts.get('news')).toBe('breaking');
    expect(drafts.get('elsewhere')).toBe('');

    drafts.set('lobby', '');
    expect(sessionStorage.getItem('herald.draft.lobby')).toBeNull();
  });

  it('goes on without storage when the browser refuses it', () => {
    const drafts = TestBed.inject(DraftStore);
    jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => drafts.set('lobby', 'text')).not.toThrow();
    jest.restoreAllMocks();
  });
});
