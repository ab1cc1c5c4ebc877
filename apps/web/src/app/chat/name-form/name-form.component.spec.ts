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
  return { element, input, join, joined, type };
}

describe('NameFormComponent', () => {
  it('asks for a "Display name" and joins with it trimmed', () => {
    const { element, input, join, joined, type } = render();
    expect(element.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Display name');
    expect(input.maxLength).toBe(AUTHOR_MAX_LENGTH);

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

  it('starts from the current name when changing it', () => {
    const { input } = render('Grace');
    expect(input.value).toBe('Grace');
  });
});
