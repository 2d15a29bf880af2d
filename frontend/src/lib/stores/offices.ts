// The office tree (Offices.List) as a store: the offices tab shows it, the
// users tab names offices with it.
import { writable } from 'svelte/store';
import { listOffices, type OfficeRecord } from '../api';

export const offices = writable<OfficeRecord[]>([]);

/** Loads the offices; throws ApiError. */
export async function loadOffices(): Promise<OfficeRecord[]> {
  const list = await listOffices();
  offices.set(list);
  return list;
}

export interface OfficeNode {
  office: OfficeRecord;
  /** 0 for a root. */
  depth: number;
}

/**
 * The offices in tree order (each parent followed by its children, codes
 * ascending), with their depth. An office whose parent is not known here is
 * shown as a root; a cycle (two desks offline) cannot hide an office.
 */
export function officeTree(list: readonly OfficeRecord[]): OfficeNode[] {
  const byCode = new Map(list.map((o) => [o.code, o]));
  const children = new Map<string, OfficeRecord[]>();
  const roots: OfficeRecord[] = [];
  for (const o of list) {
    if (o.parent && o.parent !== o.code && byCode.has(o.parent)) {
      const siblings = children.get(o.parent) ?? [];
      siblings.push(o);
      children.set(o.parent, siblings);
    } else {
      roots.push(o);
    }
  }
  const byCodeAsc = (a: OfficeRecord, b: OfficeRecord) => a.code.localeCompare(b.code);
  const out: OfficeNode[] = [];
  const seen = new Set<string>();
  const walk = (o: OfficeRecord, depth: number) => {
    if (seen.has(o.code)) return;
    seen.add(o.code);
    out.push({ office: o, depth });
    for (const c of (children.get(o.code) ?? []).sort(byCodeAsc)) walk(c, depth + 1);
  };
  for (const r of roots.sort(byCodeAsc)) walk(r, 0);
  // Offices only reachable through a cycle.
  for (const o of [...list].sort(byCodeAsc)) walk(o, 0);
  return out;
}

/** The codes of an office and everything under it (not valid as its new parent). */
export function subtree(list: readonly OfficeRecord[], code: string): Set<string> {
  const out = new Set<string>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of list) {
      if (!out.has(o.code) && out.has(o.parent)) {
        out.add(o.code);
        grew = true;
      }
    }
  }
  return out;
}

/** Locale key of an office's level guessed from its code length, or null. */
export function levelKey(code: string): string | null {
  switch (code.length) {
    case 2:
      return 'offices.level.province';
    case 3:
      return 'offices.level.district';
    case 5:
      return 'offices.level.commune';
  }
  return null;
}

/** "Name (code)" for an office code, or the code alone when unknown. */
export function officeName(list: readonly OfficeRecord[], code: string): string {
  const o = list.find((x) => x.code === code);
  return o ? `${o.name} (${o.code})` : code;
}
