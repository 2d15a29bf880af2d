// System.Info as a store: the status bar and the admin info card read it.
import { writable } from 'svelte/store';
import { systemInfo as fetchSystemInfo, type SystemInfo } from '../api';
import { reportError } from './errors';

export const systemInfo = writable<SystemInfo | null>(null);

export async function loadSystemInfo(): Promise<SystemInfo | null> {
  try {
    const info = await fetchSystemInfo();
    systemInfo.set(info);
    return info;
  } catch (err) {
    reportError(err);
    return null;
  }
}
