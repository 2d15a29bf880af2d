// The satisfaction scale citizens rate on: configurable data in Go
// (Dossiers.RatingScale), loaded once; until it arrives, or if it cannot be
// read, the default three answers of the locale files are offered.
import { writable } from 'svelte/store';
import { call } from '../api';

export interface ScaleValue {
  value: string;
  vi: string;
  en: string;
  satisfied: boolean;
}

export const ratingScale = writable<ScaleValue[] | null>(null);

let loading: Promise<void> | null = null;

export function loadRatingScale(): Promise<void> {
  loading ??= call('Dossiers.RatingScale')
    .then((r) => ratingScale.set(r.scale))
    .catch(() => {
      loading = null; // try again next time; the defaults serve meanwhile
    });
  return loading;
}
