// Small DOM actions shared by components.

/**
 * Focuses the element when it is mounted: keyboard-first screens start where
 * the clerk types. (The autofocus attribute is not used: it is applied only on
 * page load, not when a screen is swapped in.)
 */
export function focusOnMount(node: HTMLElement): void {
  // After the current update, so the element is in the document and visible.
  queueMicrotask(() => node.focus());
}
