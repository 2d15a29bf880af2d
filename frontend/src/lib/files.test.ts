// Saving and opening PDFs: the desktop's bound Files object when Wails
// provides it, a browser download / a blob: tab otherwise.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base64ToBytes, openPDF, saveFile, savePDF } from './files';

const PDF = btoa('%PDF-1.4\n%%EOF\n');

let created: Blob[];

beforeEach(() => {
  created = [];
  URL.createObjectURL = vi.fn((b: Blob) => {
    created.push(b);
    return `blob:test/${created.length}`;
  });
  URL.revokeObjectURL = vi.fn();
});

afterEach(() => {
  delete window.go;
  vi.restoreAllMocks();
});

describe('files', () => {
  it('decodes base64 to the bytes', () => {
    expect([...base64ToBytes(btoa('\x00\xffAB'))]).toEqual([0, 255, 65, 66]);
  });

  it('desktop: Save and Open go to window.go.main.Files, no download', async () => {
    const SavePDF = vi.fn(async () => '/home/vanthu/mau-01.pdf');
    const OpenPDF = vi.fn(async () => {});
    window.go = { main: { Files: { SavePDF, OpenPDF, SaveFile: vi.fn(async () => '') } } };
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);

    expect(await savePDF('mau-01.pdf', PDF)).toBe('/home/vanthu/mau-01.pdf');
    expect(SavePDF).toHaveBeenCalledWith('mau-01.pdf', PDF);
    await openPDF('mau-01.pdf', PDF);
    expect(OpenPDF).toHaveBeenCalledWith('mau-01.pdf', PDF);
    expect(click).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect(created).toHaveLength(0);
  });

  it('desktop: a cancelled save dialog answers ""; a failure is an ApiError', async () => {
    const SavePDF = vi.fn(async () => '');
    const OpenPDF = vi.fn(async () => {
      throw { code: 'internal', message: 'xdg-open: not found' };
    });
    window.go = { main: { Files: { SavePDF, OpenPDF, SaveFile: vi.fn(async () => '') } } };
    expect(await savePDF('a.pdf', PDF)).toBe('');
    await expect(openPDF('a.pdf', PDF)).rejects.toMatchObject({ name: 'ApiError', code: 'internal' });
  });

  it('browser: Save downloads a PDF blob under the file name, Open shows it in a new tab', async () => {
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);

    expect(await savePDF('mau-01.pdf', PDF)).toBe('mau-01.pdf');
    expect(click).toHaveBeenCalledTimes(1);
    expect(names).toEqual(['mau-01.pdf']);
    expect(created[0].type).toBe('application/pdf');
    expect(created[0].size).toBe(base64ToBytes(PDF).length);

    await openPDF('mau-01.pdf', PDF);
    expect(open).toHaveBeenCalledWith('blob:test/2', '_blank', 'noopener');
    expect(created[1].type).toBe('application/pdf');
  });

  it('saveFile: the desktop dialog for exports, a download in the browser', async () => {
    const XLSX = btoa('PK\x03\x04...');
    const SaveFile = vi.fn(async () => '/home/lanhdao/bieu-II06a.xlsx');
    window.go = { main: { Files: { SavePDF: vi.fn(), OpenPDF: vi.fn(), SaveFile } } };
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    expect(await saveFile('bieu-II06a.xlsx', XLSX, 'application/vnd.ms-excel')).toBe('/home/lanhdao/bieu-II06a.xlsx');
    expect(SaveFile).toHaveBeenCalledWith('bieu-II06a.xlsx', XLSX);
    expect(click).not.toHaveBeenCalled();

    delete window.go;
    expect(await saveFile('bieu-II06a.csv', btoa('STT'), 'text/csv')).toBe('bieu-II06a.csv');
    expect(click).toHaveBeenCalledTimes(1);
    expect(created[0].type).toBe('text/csv');
  });
});
