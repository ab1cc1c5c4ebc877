import { TestBed } from '@angular/core/testing';
import { AUTHOR_MAX_LENGTH } from '@herald/contracts';
import { NameFormComponent } from './name-form.component';

function render(name: string | null = null) {
  const fixture = TestBed.createComponent(NameFormComponent);
  fixture.componentRef.setInput('name', name);
  const joined: string[] = [];
  fixture.componentInstance.join.subscribe((value) => joined.push(value));
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const input = element.querySelector('input')!;
  const join = [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Join')!;
  const type = (value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  return { fixture, element, input, join, joined, type };
}

describe('NameFormComponent', () => {
  it('asks for a "Display name", with the cursor in it, and joins with it trimmed', async () => {
    const { element, input, join, joined, type, fixture } = render();
    expect(element.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Display name');
    expect(input.getAttribute('dir')).toBe('auto');
    await fixture.whenStable();
    expect(document.activeElement).toBe(input);

    type('  Ada  ');
    join.click();
    expect(joined).toEqual(['Ada']);
  });

  it('refuses a blank name', () => {
    const { join, joined, type } = render();
    type('   ');
    expect(join.disabled).toBe(true);
    join.click();
    expect(joined).toEqual([]);
  });

  it('keeps a name that is too long as typed and says how many characters are too many, counted in code points', () => {
    const { element, input, join, type } = render();
    const long = 'A'.repeat(AUTHOR_MAX_LENGTH + 5);
    type(long);
    expect(input.maxLength).toBe(-1);
    expect(input.value).toBe(long);
    expect(join.disabled).toBe(true);
    const described = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => element.querySelector(`#${id}`)?.textContent);
    expect(described.join(' ')).toContain('5 characters too many: use at most 40.');

    type('\u{1F600}'.repeat(AUTHOR_MAX_LENGTH));
    expect(join.disabled).toBe(false);
  });

  it('joins with the name as the server keeps it, composed (NFC), so own messages are recognised', () => {
    const { join, joined, type } = render();
    type('Rene\u0301e');
    join.click();
    expect(joined).toEqual(['Ren\u00e9e']);
  });

  it('starts from the current name when changing it', () => {
    const { input } = render('Grace');
    expect(input.value).toBe('Grace');
  });
});
