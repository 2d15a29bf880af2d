// The last failed call, shown by ErrorBanner. One banner at a time: the
// newest error is the one the user needs to act on.
import { writable } from 'svelte/store';
import { ApiError } from '../api';

export const currentError = writable<ApiError | null>(null);

export function reportError(err: unknown): void {
  currentError.set(ApiError.from(err));
}

export function clearError(): void {
  currentError.set(null);
}
