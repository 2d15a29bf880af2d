// Digitization at the desk (issue 20): the scans of each paper of the
// checklist, a paper reused from one digitized before, the electronic
// result. Files go through Files.Put at once (checked and stored: a wrong
// one is refused in words before anything is received); the dossier then
// names them by Ref, and Go checks each one is stored on this desk.
import { ApiError } from './api-error';
import type { FileRef } from './api/files';
import type * as gen from './api.gen';

export type Reuse = gen.Reuse;
export type ReusablePaper = gen.ReusablePaper;
export type ReusableFile = gen.ReusableFile;

/** The scans of one paper at the desk, or the paper taken from one digitized before. */
export interface PaperScans {
  files: FileRef[];
  reused: Reuse | null;
}

export function emptyScans(): PaperScans {
  return { files: [], reused: null };
}

/** The files a kind of file input takes (attach.Check reads the kind from the bytes). */
export const SCAN_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** Adds a Ref unless the same file (the same address) is there: a file twice is one. */
export function addRef(list: FileRef[], ref: FileRef): FileRef[] {
  return list.some((r) => r.id === ref.id) ? list : [...list, ref];
}

export function removeRef(list: FileRef[], id: string): FileRef[] {
  return list.filter((r) => r.id !== id);
}

export function isPDF(ref: Pick<FileRef, 'type'>): boolean {
  return ref.type === 'application/pdf';
}

export function isImage(ref: Pick<FileRef, 'type'>): boolean {
  return ref.type === 'image/png' || ref.type === 'image/jpeg';
}

/** A paper's name as Go's fold compares it: lower case, without accents, single spaces. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The files digitized before that a paper of this name may reuse, newest first. */
export function offersFor(papers: ReusablePaper[], name: string): ReusableFile[] {
  const key = foldName(name);
  return papers.find((p) => foldName(p.name) === key)?.files ?? [];
}

/** A received paper with its scans, or its reused paper (then without scans of its own). */
export function withScans(doc: gen.ReceivedDocument, scans: PaperScans | undefined): gen.ReceivedDocument {
  if (!scans) return doc;
  if (scans.reused) return { ...doc, reused: scans.reused };
  return scans.files.length ? { ...doc, files: scans.files } : doc;
}

/** What Reusable is asked for this applicant, or null when nothing identifies them yet. */
export function reusableRequest(
  applicant: { kind?: string; citizenId?: string; orgId?: string },
  procedure: string,
): gen.ReusableRequest | null {
  if (applicant.kind === 'organisation') {
    const org = (applicant.orgId ?? '').trim();
    return /^\d{10}(-\d{3})?$/.test(org) ? { idNumber: '', orgCode: org, procedure } : null;
  }
  const id = (applicant.citizenId ?? '').replace(/[\s.]/g, '');
  return /^\d{12}$/.test(id) ? { idNumber: id, orgCode: '', procedure } : null;
}

/**
 * Stores files one by one through put (Files.Put) and adds each Ref to
 * list; the first refusal stops there, the files stored before it kept.
 * thumbs gets a data: URL of each image stored, for its thumbnail (the
 * console's content policy allows data: images, not blob: ones).
 */
export async function attachFiles(
  list: FileRef[],
  files: File[],
  put: (name: string, content: string) => Promise<FileRef>,
  read: (file: Blob) => Promise<string>,
  thumbs?: Record<string, string>,
): Promise<{ files: FileRef[]; error: ApiError | null }> {
  let out = list;
  for (const f of files) {
    try {
      const content = await read(f);
      const ref = await put(f.name, content);
      out = addRef(out, ref);
      if (thumbs && isImage(ref) && !thumbs[ref.id]) thumbs[ref.id] = `data:${ref.type};base64,${content}`;
    } catch (err) {
      return { files: out, error: ApiError.from(err) };
    }
  }
  return { files: out, error: null };
}

/** Go's field "documents[2].files[0]" or "documents[2].reused" → the paper's index in the request, or -1. */
export function paperOfField(field: string | undefined): number {
  const m = /^documents\[(\d+)\]\.(files|reused)/.exec(field ?? '');
  return m ? Number(m[1]) : -1;
}
