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
  it('labels its controls "Message" and "Send" and applies the server’s length limit', () => {
    const { element, textarea, button } = render();
    expect(element.querySelector(`label[for="${textarea.id}"]`)?.textContent).toBe('Message');
    expect(button.textContent?.trim()).toBe('Send');
    expect(textarea.maxLength).toBe(MESSAGE_TEXT_MAX_LENGTH);
  });

  it('refuses empty and whitespace-only messages', () => {
    const { button, type, press, sent } = render();
    expect(button.disabled).toBe(true);

    type('  \n\t ');
    expect(button.disabled).toBe(true);
    press({});
    expect(sent).toEqual([]);
  });

  it('refuses a message over the limit and says by how much', () => {
    const { element, button, type, press, sent } = render();
    type('x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 3));

    expect(button.disabled).toBe(true);
    expect(element.textContent).toContain('3 characters too many');
    press({});
    expect(sent).toEqual([]);
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

  it('does not send twice while a post is in flight', () => {
    const { fixture, type, press, button, sent } = render();
    type('hello');
    fixture.componentRef.setInput('sending', true);
    fixture.detectChanges();
    press({});
    expect(button.disabled).toBe(true);
    expect(sent).toEqual([]);
  });

  it("shows the server's error message", () => {
    const { fixture, element } = render();
    fixture.componentRef.setInput('error', 'text must not contain control characters');
    fixture.detectChanges();
    expect(element.querySelector('[role="alert"]')?.textContent).toBe('text must not contain control characters');
  });
});
