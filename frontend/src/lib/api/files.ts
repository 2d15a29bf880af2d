import { call } from './core';
import type * as gen from '../api.gen';

// --- Files: files records carry (app/files.go) ---

export type FileRef = gen.Ref;
export type FileReply = gen.FileReply;

/** Reads a browser File into base64 for Files.Put (FileReader: every engine has it). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('cannot read the file'));
    r.readAsDataURL(file);
  });
}

/** Checks and stores a file; the Ref goes into the record that carries it. */
export async function putFile(name: string, content: string): Promise<FileRef> {
  return call('Files.Put', { name, content });
}

/** Opens a file a record names: its bytes when synced, else only its Ref. */
export async function getFile(subject: string, id: string): Promise<FileReply> {
  return call('Files.Get', { subject, id });
}
