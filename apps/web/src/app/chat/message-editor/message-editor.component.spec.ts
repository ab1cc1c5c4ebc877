import { TestBed } from '@angular/core/testing';
import { MESSAGE_TEXT_MAX_LENGTH } from '@herald/contracts';
import { MessageEditorComponent } from './message-editor.component';

async function render(text = 'a typo hree') {
  const fixture = TestBed.createComponent(MessageEditorComponent);
  fixture.componentRef.setInput('text', text);
  const saved: string[] = [];
  let cancelled = 0;
  fixture.componentInstance.save.subscribe((value) => saved.push(value));
  fixture.componentInstance.cancelled.subscribe(() => cancelled++);
  const element = fixture.nativeElement as HTMLElement;
  document.body.append(element);
  await fixture.whenStable();
  const field = element.querySelector('textarea')!;
  const button = (name: string) => [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  const type = async (value: string) => {
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const press = async (key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, cancelable: true, bubbles: true, ...init });
    field.dispatchEvent(event);
    await fixture.whenStable();
    return event;
  };
  return { fixture, element, field, button, type, press, saved, cancelled: () => cancelled };
}

describe('MessageEditorComponent', () => {
  afterEach(() => document.body.replaceChildren());

  it('opens on the text with the focus in a field labelled "Edit message", the cursor after the text', async () => {
    const { element, field } = await render();
    expect(field.value).toBe('a typo hree');
    expect(document.activeElement).toBe(field);
    expect(field.selectionStart).toBe(field.value.length);
    expect(element.querySelector(`label[for="${field.id}"]`)?.textContent).toBe('Edit message');
  });

  it('saves the trimmed new text on Enter or with Save, and lets Shift+Enter make a new line', async () => {
    const { type, press, button, saved } = await render();
    await type('  a typo here ');
    expect((await press('Enter', { shiftKey: true })).defaultPrevented).toBe(false);
    expect((await press('Enter')).defaultPrevented).toBe(true);
    button('Save').click();
    expect(saved).toEqual(['a typo here', 'a typo here']);
  });

  it('gives up on Escape or Cancel, keeping the page’s own Escape out of it, and on saving the text unchanged', async () => {
    const { press, button, cancelled, saved } = await render();
    const pageHeard = jest.fn();
    document.addEventListener('keydown', pageHeard);
    await press('Escape');
    document.removeEventListener('keydown', pageHeard);
    button('Cancel').click();
    await press('Enter');
    expect(cancelled()).toBe(3);
    expect(saved).toEqual([]);
    expect(pageHeard).not.toHaveBeenCalled();
  });

  it('holds the composer’s rules: nothing empty, too long or with control characters, saying how many are too many', async () => {
    const { element, type, button, press, saved, field } = await render();
    await type('   ');
    expect(button('Save').disabled).toBe(true);
    await type('x'.repeat(MESSAGE_TEXT_MAX_LENGTH + 3));
    expect(button('Save').disabled).toBe(true);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector(`#${field.getAttribute('aria-describedby')}`)?.textContent).toContain('3 characters too many');
    await type('bell\u0007');
    expect(element.textContent).toContain('Remove the control characters');
    await press('Enter');
    expect(saved).toEqual([]);
  });

  it('waits while the edit is on its way', async () => {
    const { fixture, type, button, press, saved } = await render();
    await type('fixed');
    fixture.componentRef.setInput('saving', true);
    await fixture.whenStable();
    expect(button('Saving…').disabled).toBe(true);
    await press('Enter');
    expect(saved).toEqual([]);
  });
});
