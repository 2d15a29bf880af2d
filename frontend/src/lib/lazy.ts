// Screens loaded on first use (issue 19 §4: the window's first script holds
// only what the first screen needs). A loaded screen is kept, and handed
// over as it is rather than as a promise, so that {#await} renders it at
// once the next time (and in tests, which preload them all).
import type { Component } from 'svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Module = { default: Component<any> };
export type Loader = () => Promise<Module>;

const loaded = new Map<Loader, Module>();

/** The module, loaded already, or the promise of it. */
export function lazy(load: Loader): Module | Promise<Module> {
  const hit = loaded.get(load);
  if (hit) return hit;
  return load().then((m) => {
    loaded.set(load, m);
    return m;
  });
}

/** Records a module as loaded (the tests' sections, components/sections.eager.ts). */
export function seed(load: Loader, module: Module): void {
  loaded.set(load, module);
}
