// Copying text: the Wails runtime's clipboard inside the desktop window (the
// WebView may not grant navigator.clipboard there), the browser's otherwise.

declare global {
  interface Window {
    runtime?: { ClipboardSetText?: (text: string) => Promise<boolean> };
  }
}

/** True when the text reached the clipboard. */
export async function copyText(text: string): Promise<boolean> {
  try {
    const setText = window.runtime?.ClipboardSetText;
    if (setText) return await setText(text);
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions, no focus): the caller falls back to selecting.
  }
  return false;
}

/** Selects an element's text so Ctrl+C copies it. */
export function selectText(node: Element): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(node);
  selection.removeAllRanges();
  selection.addRange(range);
}
