import { TestBed } from '@angular/core/testing';
import { BAN_CHOICES, type MessageAction } from '../message-actions';
import { MessageActionsComponent } from './message-actions.component';

describe('MessageActionsComponent', () => {
  async function render(actions: readonly MessageAction[] = [{ kind: 'delete' }, ...BAN_CHOICES]) {
    const fixture = TestBed.createComponent(MessageActionsComponent);
    fixture.componentRef.setInput('actions', actions);
    const chosen: MessageAction[] = [];
    fixture.componentInstance.chosen.subscribe((action) => chosen.push(action));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    document.body.append(element);
    const trigger = element.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')!;
    const items = () => [...element.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
    const key = async (target: Element, name: string) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
      await fixture.whenStable();
    };
    const click = async (target: HTMLElement) => {
      target.click();
      await fixture.whenStable();
    };
    return { fixture, element, trigger, items, key, click, chosen };
  }

  afterEach(() => document.body.replaceChildren());

  it('is a button named "Message actions" that opens a menu of the actions, with the focus on the first', async () => {
    const { trigger, items, click, element } = await render();
    expect(trigger.getAttribute('aria-label')).toBe('Message actions');
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(element.querySelector('[role="menu"]')).toBeNull();

    await click(trigger);
    const menu = element.querySelector('[role="menu"]')!;
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(trigger.getAttribute('aria-controls')).toBe(menu.id);
    expect(items().map((item) => item.textContent?.trim())).toEqual([
      'Delete',
      'Ban author for 10 minutes',
      'Ban author for 1 hour',
      'Ban author for 1 day',
    ]);
    expect(document.activeElement).toBe(items()[0]);
  });

  it('moves through the items with the arrow keys, Home and End, and wraps around', async () => {
    const { trigger, items, key } = await render();
    await key(trigger, 'ArrowUp');
    expect(document.activeElement).toBe(items()[3]);
    await key(items()[3], 'ArrowDown');
    expect(document.activeElement).toBe(items()[0]);
    await key(items()[0], 'ArrowUp');
    expect(document.activeElement).toBe(items()[3]);
    await key(items()[3], 'Home');
    expect(document.activeElement).toBe(items()[0]);
    await key(items()[0], 'End');
    expect(document.activeElement).toBe(items()[3]);
  });

  it('closes on Escape with the focus back on its button, and keeps the page’s own Escape out of it', async () => {
    const { trigger, items, key, element } = await render();
    const pageHeard = jest.fn();
    await key(trigger, 'ArrowDown');
    document.addEventListener('keydown', pageHeard);
    await key(items()[0], 'Escape');
    expect(element.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(pageHeard).not.toHaveBeenCalled();
    document.removeEventListener('keydown', pageHeard);
  });

  it('asks for a second press before it deletes, and forgets the first when the menu closes', async () => {
    const { trigger, items, click, chosen } = await render();
    await click(trigger);
    await click(items()[0]);
    expect(items()[0].textContent?.trim()).toBe('Confirm delete');
    expect(document.activeElement).toBe(items()[0]);
    expect(chosen).toEqual([]);

    await click(trigger);
    await click(trigger);
    expect(items()[0].textContent?.trim()).toBe('Delete');
    await click(items()[0]);
    await click(items()[0]);
    expect(chosen).toEqual([{ kind: 'delete' }]);
    expect(items()).toEqual([]);
    expect(document.activeElement).toBe(trigger);
  });

  it('offers Edit, chosen at once with one press', async () => {
    const { trigger, items, click, chosen } = await render([{ kind: 'delete' }, { kind: 'edit' }]);
    await click(trigger);
    expect(items().map((item) => item.textContent?.trim())).toEqual(['Delete', 'Edit']);
    await click(items()[1]);
    expect(chosen).toEqual([{ kind: 'edit' }]);
  });

  it('bans at once, for the time chosen', async () => {
    const { trigger, items, click, chosen } = await render();
    await click(trigger);
    await click(items()[2]);
    expect(chosen).toEqual([BAN_CHOICES[1]]);
  });

  it('closes when the reader taps elsewhere, leaving the focus where they put it', async () => {
    const { trigger, click, fixture, element } = await render([{ kind: 'delete' }]);
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    await click(trigger);
    elsewhere.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    elsewhere.focus();
    await fixture.whenStable();
    expect(element.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(elsewhere);
  });
});
