// Draws a PDF's pages on <canvas> elements with PDF.js. The desktop's
// WebKitGTK has no PDF viewer of its own, so the print preview cannot be an
// <iframe>. PDF.js is loaded only when a preview first opens (it is large),
// and its worker is a file Vite copies next to the app. Tests mock this
// module: jsdom has no canvas.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

export interface PageSize {
  width: number;
  height: number;
}

export interface PdfDocument {
  numPages: number;
  /**
   * Draws page n (1-based) on the canvas, `scale` CSS pixels per PDF point;
   * answers the page's size in points (1/72 inch).
   */
  renderPage(n: number, canvas: HTMLCanvasElement, scale: number): Promise<PageSize>;
  destroy(): Promise<void>;
}

type PdfJs = typeof import('pdfjs-dist');
let loading: Promise<PdfJs> | undefined;

// The legacy build: it runs on the older WebKitGTK a desk computer may have.
function pdfjs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return lib;
  });
  return loading;
}

export async function openPdf(data: Uint8Array): Promise<PdfDocument> {
  const lib = await pdfjs();
  // The node's pages forbid eval (Content-Security-Policy); the forms embed
  // their fonts, so no font files are fetched.
  const doc = await lib.getDocument({ data, isEvalSupported: false }).promise;
  return {
    numPages: doc.numPages,
    async renderPage(n, canvas, scale) {
      const page = await doc.getPage(n);
      const shown = page.getViewport({ scale });
      // At least twice the screen's resolution, so printing the preview is sharp.
      const viewport = page.getViewport({ scale: scale * Math.max(window.devicePixelRatio || 1, 2) });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.round(shown.width)}px`;
      await page.render({ canvas, viewport }).promise;
      const size = page.getViewport({ scale: 1 });
      page.cleanup();
      return { width: size.width, height: size.height };
    },
    destroy: () => doc.destroy(),
  };
}
