// DOM helpers for component tests of the whole window (jsdom): mount the
// app, find elements by data-testid, type and click as a user does.
import { flushSync, mount, unmount, type Component } from 'svelte';
import { expect, vi } from 'vitest';

let app: ReturnType<typeof mount> | undefined;
let target: HTMLElement | undefined;

export function render(component: Component): HTMLElement {
  target = document.createElement('div');
  document.body.append(target);
  app = mount(component, { target });
  flushSync();
  return target;
}

export function cleanup(): void {
  if (app) unmount(app);
  app = undefined;
  target?.remove();
  target = undefined;
}

export function root(): HTMLElement {
  if (!target) throw new Error('nothing rendered');
  return target;
}

/** A value for an attribute selector in double quotes. */
const attr = (s: string) => s.replace(/["\\]/g, '\\$&');

export const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T | null =>
  root().querySelector<T>(`[data-testid="${attr(id)}"]`);

export const allByTestId = (id: string): HTMLElement[] => [
  ...root().querySelectorAll<HTMLElement>(`[data-testid="${attr(id)}"]`),
];

export const textOf = (id: string): string | null => byTestId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

/** Types into an input the way a user does (bind:value listens to "input"). */
export function type(id: string, value: string): void {
  const input = byTestId<HTMLInputElement>(id);
  if (!input) throw new Error(`no input ${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

/** Picks an option of a select (bind:value listens to "change"). */
export function choose(id: string, value: string): void {
  const select = byTestId<HTMLSelectElement>(id);
  if (!select) throw new Error(`no select ${id}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

export function click(id: string): void {
  const el = byTestId(id);
  if (!el) throw new Error(`nothing to click: ${id}`);
  el.click();
  flushSync();
}

/** Waits until the element is in the DOM and returns it. */
export async function shown(id: string): Promise<HTMLElement> {
  await vi.waitFor(() => expect(byTestId(id), id).not.toBeNull());
  return byTestId(id) as HTMLElement;
}

/** Waits until the element's text equals (or contains, for a RegExp) the expected. */
export async function textBecomes(id: string, expected: string | RegExp): Promise<void> {
  await vi.waitFor(() => {
    const text = textOf(id);
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
  });
}

/** Chooses a file in a file input, as the file picker does. */
export function chooseFile(id: string, file: File): void {
  const input = byTestId<HTMLInputElement>(id);
  if (!input) throw new Error(`no file input ${id}`);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}
