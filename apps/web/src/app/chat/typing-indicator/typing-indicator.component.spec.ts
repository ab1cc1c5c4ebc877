import { TestBed } from '@angular/core/testing';
import { TypingIndicatorComponent } from './typing-indicator.component';

describe('TypingIndicatorComponent', () => {
  it('says who is typing in a polite live region that is there, empty, while nobody types', async () => {
    const fixture = TestBed.createComponent(TypingIndicatorComponent);
    fixture.componentRef.setInput('typists', []);
    await fixture.whenStable();
    const line = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="typing"]')!;
    expect(line.getAttribute('aria-live')).toBe('polite');
    expect(line.getAttribute('aria-atomic')).toBe('true');
    expect(line.textContent).toBe('');

    fixture.componentRef.setInput('typists', [{ name: 'Ada' }, { name: 'Bob' }]);
    await fixture.whenStable();
    expect(line.textContent).toBe('Ada and Bob are typing…');
  });

  it('leaves the text node alone while the same people go on typing, so it is not read out again', async () => {
    const fixture = TestBed.createComponent(TypingIndicatorComponent);
    fixture.componentRef.setInput('typists', [{ name: 'Ada' }]);
    await fixture.whenStable();
    const line = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="typing"]')!;
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(line, { childList: true, characterData: true, subtree: true });

    fixture.componentRef.setInput('typists', [{ name: 'Ada' }]);
    await fixture.whenStable();
    observer.disconnect();
    expect(changes).toEqual([]);
  });
});
