import { TestBed } from '@angular/core/testing';
import { MESSAGE_TEXT_MAX_LENGTH } from '@herald/contracts';
import { ComposerComponent } from './composer.component';

function render() {
  const fixture = TestBed.createComponent(ComposerComponent);
  const sent: string[] = [];
  fixture.componentInstance.send.subscribe((text) => sent.push(text));
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const textarea = element.querySelector('textarea')!;
  const button = element.querySelector<HTMLButtonElement>('button[type="submit"]')!;

  const type = (value: string) => {
    textarea.value = value;
    textarea.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const press = (init: KeyboardEventInit) => {
    const event = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true, ...init });
    textarea.dispatchEvent(event);
    fixture.detectChanges();
    return event;
  };
  return { fixture, element, textarea, button, sent, type, press };
}

describe('ComposerComponent', () => {
  it('labels its controls "Message" and "Send", and takes the direction of what is typed', () => {
    const { element, textarea, button } = render();
    expect(element.querySelector(`label[for="${textarea.id}"]`)?.textContent).toBe('Message');
    expect(button.textContent?.trim()).toBe('Send');
    expect(textarea.getAttribute('dir')).toBe('auto');
  });

  it('refuses empty and whitespace-only messages', () => {
    const { button, type, press, sent } = render();
    expect(button.disabled).toBe(true);

    type('  \n\t ');
    expect(button.disabled).toBe(true);
    press({});
    expect(sent).toEqual([]);
  });

  it('keeps a message over the limit as it is, refuses to send it and says by how much, where screen readers hear it', () => {
    const { element, textarea, button, type, press, sent } = render();
    const long = 'x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 500);
    type(long);

    // No maxlength to cut a paste short.
    expect(textarea.maxLength).toBe(-1);
    expect(textarea.value).toBe(long);
    expect(button.disabled).toBe(true);
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    const hint = element.querySelector(`#${textarea.getAttribute('aria-describedby')}`);
    expect(hint?.getAttribute('aria-live')).toBe('polite');
    expect(hint?.textContent).toContain('500 characters too many');
    press({});
    expect(sent).toEqual([]);

    type('x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1));
    expect(element.textContent).toContain('1 character too many');
  });

  it('counts characters in code points, as the server does: an emoji is one', () => {
    const { element, button, type } = render();
    type('\u{1F600}'.repeat(MESSAGE_TEXT_MAX_LENGTH));
    expect(element.textContent).toContain('0 characters left');
    expect(button.disabled).toBe(false);
    type('\u{1F600}'.repeat(MESSAGE_TEXT_MAX_LENGTH + 2));
    expect(element.textContent).toContain('2 characters too many');
  });

  it('counts down the characters left near the limit, counting after trimming', () => {
    const { element, button, type } = render();
    type('short');
    expect(element.textContent).not.toContain('characters left');

    type(`  ${'x'.repeat(MESSAGE_TEXT_MAX_LENGTH - 10)}  `);
    expect(element.textContent).toContain('10 characters left');
    expect(button.disabled).toBe(false);
  });

  it('sends the trimmed text on Enter', () => {
    const { type, press, sent } = render();
    type('  hello there \n');
    const event = press({});
    expect(sent).toEqual(['hello there']);
    expect(event.defaultPrevented).toBe(true);
  });

  it('sends with the Send button', () => {
    const { type, button, sent } = render();
    type('hi');
    button.click();
    expect(sent).toEqual(['hi']);
  });

  it('lets Shift+Enter make a new line instead of sending', () => {
    const { type, press, sent } = render();
    type('line one');
    const event = press({ shiftKey: true });
    expect(sent).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
  });

  it('tells of each change the reader types, not of a draft set from outside', () => {
    const { fixture, type } = render();
    const typed: string[] = [];
    fixture.componentInstance.typed.subscribe((text) => typed.push(text));
    type('h');
    type('hi');
    fixture.componentRef.setInput('text', 'restored draft');
    fixture.detectChanges();
    expect(typed).toEqual(['h', 'hi']);
  });

  it('says which key jumps to the latest messages', () => {
    const { element } = render();
    expect(element.querySelector('.keys')?.textContent).toContain('Alt+End for the latest messages');
  });
});
