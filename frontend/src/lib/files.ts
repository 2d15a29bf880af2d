// Saving and opening a PDF the interface received from Go (base64). In the
// desktop window Go binds window.go.main.Files: a native save dialog and the
// system PDF viewer. In a browser (the node's web console) there is no such
// object: Save downloads a blob through an <a download>, Open shows a blob:
// URL in a new tab.
import { ApiError } from './api-error';
import type { DesktopFiles } from './transport/wails';

export function desktopFiles(): DesktopFiles | undefined {
  return typeof window === 'undefined' ? undefined : window.go?.main?.Files;
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function pdfBlob(base64: string): Blob {
  return new Blob([base64ToBytes(base64)], { type: 'application/pdf' });
}

// Blob URLs are let go a while after use: long enough for the download or
// the new tab to read them.
const REVOKE_AFTER_MS = 60_000;

function revokeLater(url: string): void {
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** A browser download of a blob through a hidden <a download>. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  revokeLater(url);
}

/**
 * Saves the PDF: the desktop's save dialog (the path saved, "" when the user
 * cancelled), else a browser download (the file name; where it lands is the
 * browser's business).
 */
export async function savePDF(filename: string, base64: string): Promise<string> {
  const files = desktopFiles();
  if (files) {
    try {
      return (await files.SavePDF(filename, base64)) ?? '';
    } catch (err) {
      throw ApiError.from(err);
    }
  }
  downloadBlob(filename, pdfBlob(base64));
  return filename;
}

/**
 * Saves an exported file (PDF, Excel, CSV, JSON or an .hsb sync bundle, by its name): the
 * desktop's save dialog (the path saved, "" when cancelled), else a browser
 * download (the file name).
 */
export async function saveFile(filename: string, base64: string, mime: string): Promise<string> {
  const files = desktopFiles();
  if (files) {
    try {
      return (await files.SaveFile(filename, base64)) ?? '';
    } catch (err) {
      throw ApiError.from(err);
    }
  }
  downloadBlob(filename, new Blob([base64ToBytes(base64)], { type: mime || 'application/octet-stream' }));
  return filename;
}

/** Opens the PDF in the system viewer (desktop) or a new browser tab. */
export async function openPDF(filename: string, base64: string): Promise<void> {
  const files = desktopFiles();
  if (files) {
    try {
      await files.OpenPDF(filename, base64);
    } catch (err) {
      throw ApiError.from(err);
    }
    return;
  }
  const url = URL.createObjectURL(pdfBlob(base64));
  // With noopener window.open answers null even when the tab opened.
  window.open(url, '_blank', 'noopener');
  revokeLater(url);
}
