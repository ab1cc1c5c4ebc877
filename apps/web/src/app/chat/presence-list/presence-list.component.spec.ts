import { TestBed } from '@angular/core/testing';
import type { PresencePerson } from '@herald/contracts';
import type { Reader } from '@herald/chat-client';
import { PresenceListComponent } from './presence-list.component';

function render(people: PresencePerson[] | null, reader: Reader | null = null) {
  const fixture = TestBed.createComponent(PresenceListComponent);
  fixture.componentRef.setInput('people', people);
  fixture.componentRef.setInput('reader', reader);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const lines = () =>
    [...element.querySelectorAll<HTMLElement>('[data-testid="online-now"] li.person')].map((li) =>
      [...li.querySelectorAll('.person-name, .tag, .you')].map((part) => part.textContent?.trim()).join(' '),
    );
  return { element, lines };
}

describe('PresenceListComponent', () => {
  it('lists two people who chose the same name as two, each with a tag that tells them apart, and marks the reader', () => {
    const { element, lines } = render(
      [
        { name: 'Ada' },
        { name: 'Ada', authorId: 'QwErTy0123456789abcdef' },
        { name: 'Ada', authorId: 'zXcVbN0123456789abcdef' },
        { name: 'Grace', authorId: 'GrAcE00123456789abcdef' },
      ],
      { name: 'Ada', authorId: 'zXcVbN0123456789abcdef' },
    );
    expect(lines()).toEqual(['Ada unverified', 'Ada #QwEr', 'Ada #zXcV (you)', 'Grace']);
    expect(element.querySelector('.count')?.textContent).toBe('4');
  });

  it('marks the reader by name only while they have no session (signed in by the app, or none made yet)', () => {
    expect(render([{ name: 'Ada' }, { name: 'Bob' }], { name: 'Ada', authorId: null }).lines()).toEqual(['Ada (you)', 'Bob']);
    expect(render([{ name: 'Ada', authorId: 'someone-else-entirely' }], { name: 'Ada', authorId: 'mine' }).lines()).toEqual(['Ada']);
  });

  it('waits for the room before it lists anyone', () => {
    expect(render(null).element.textContent).toContain('Waiting for the room');
  });
});
