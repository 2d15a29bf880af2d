// The procedure catalog's helpers: how a list row reads (time limit, fee),
// reading a file for Catalog.Import and saving Catalog.Export's reply as a
// download, and the words for an import problem's code.
import {
  ApiError,
  exportCatalog,
  importCatalog,
  type CatalogFormat,
  type ExportedFile,
  type ImportRequest,
  type ImportResult,
} from '../api';
import { base64ToBytes, saveFile } from '../files';
import { formatAmount } from '../format';
import { hasKey, translate, type Locale } from '../i18n';

/** The import formats, by file name extension; null for anything else. */
export function formatOf(filename: string): CatalogFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'json' || ext === 'xlsx' ? ext : null;
}

/** Bytes as base64, in chunks (a large spreadsheet would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export { base64ToBytes as fromBase64 };

function readAs(file: Blob, how: 'text' | 'buffer'): Promise<string | ArrayBuffer> {
  // Blob.text/arrayBuffer where the engine has them, FileReader elsewhere.
  if (how === 'text' && typeof file.text === 'function') return file.text();
  if (how === 'buffer' && typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string | ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    if (how === 'text') reader.readAsText(file);
    else reader.readAsArrayBuffer(file);
  });
}

/**
 * The Catalog.Import request for a chosen file: CSV and JSON as text, a
 * spreadsheet as base64. Throws ApiError "invalid_input" for another kind
 * of file.
 */
export async function importRequest(file: File): Promise<ImportRequest> {
  const format = formatOf(file.name);
  if (!format) throw new ApiError('invalid_input', `not a .csv, .json or .xlsx file: ${file.name}`, 'file');
  if (format === 'xlsx') {
    const buffer = (await readAs(file, 'buffer')) as ArrayBuffer;
    return { format, content: toBase64(new Uint8Array(buffer)), encoding: 'base64' };
  }
  // A leading byte-order mark is the file's, not the catalog's.
  const text = ((await readAs(file, 'text')) as string).replace(/^\uFEFF/, '');
  return { format, content: text, encoding: '' };
}

/** Imports a chosen file; throws ApiError (import_rejected with the rows). */
export async function importFile(file: File): Promise<ImportResult> {
  return importCatalog(await importRequest(file));
}

/** Saves an exported catalog: the desktop's save dialog, or a download. */
export function download(file: ExportedFile): Promise<string> {
  return saveFile(file.filename || 'catalog.json', file.content, file.mime);
}

/** Exports the catalog and saves it; throws ApiError. */
export async function exportFile(format: CatalogFormat): Promise<ExportedFile> {
  const file = await exportCatalog(format);
  await download(file);
  return file;
}

/** "0 (trong ngày)" / "3 ngày làm việc". */
export function timeLimitText(lang: Locale, days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  return days === 0
    ? translate(lang, 'catalog.sameDay')
    : translate(lang, 'catalog.workingDays', { n: days });
}

/** The fee: "HĐND tỉnh quy định" when not set, "Miễn phí" when 0, else "8.000 đ". */
export function feeText(lang: Locale, fee: number | null | undefined): string {
  if (fee === null || fee === undefined) return translate(lang, 'catalog.feeByCouncil');
  if (fee === 0) return translate(lang, 'catalog.free');
  return translate(lang, 'catalog.feeAmount', { amount: formatAmount(fee, lang) });
}

/** An import problem in words: the translation of its code, else Go's English message. */
export function problemText(lang: Locale, code: string, message: string): string {
  const key = `catalog.problems.${code}`;
  return code && hasKey(key) ? translate(lang, key) : message || code;
}
