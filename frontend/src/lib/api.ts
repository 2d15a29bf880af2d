// The one seam between the UI and Go. Components import only from here.
// Desktop window → the Wails Bridge; browser console → HTTP RPC. Same method
// names ("Service.Method") and the same shapes on both.
import { ApiError } from './api-error';
import { callHttp } from './transport/http';
import { captureToken, readToken } from './transport/token';
import { readSession } from './transport/session';
import { callWails, wailsBridge } from './transport/wails';

export { ApiError };

export type Language = 'vi' | 'en';

export interface Office {
  code: string;
  name: string;
}

export interface SystemInfo {
  version: string;
  office: Office;
  peerId: string;
  dataDir: string;
  /** Node's configured UI language; "" when unset. */
  language: string;
  /** "offline" | "idle" | "syncing" | "error" (more may come). */
  syncState: string;
}

// Take the token out of the address bar as soon as the app loads.
captureToken();

export async function call<T>(method: string, params?: object): Promise<T> {
  const session = readSession();
  const bridge = wailsBridge();
  if (bridge) return (await callWails(bridge, method, params, session)) as T;
  return (await callHttp(method, params, readToken(), window.location.origin, session)) as T;
}

export function systemInfo(): Promise<SystemInfo> {
  return call<SystemInfo>('System.Info');
}

export function setLanguage(language: Language): Promise<{ language: Language }> {
  return call<{ language: Language }>('System.SetLanguage', { language });
}

// --- Vault: the encrypted data folder ---------------------------------------
// The data key is sealed by the OS key store, an office passphrase, a key file
// or an environment variable. Until the vault is "ready" every other method
// fails with code "locked", so the window asks for the passphrase first.

export type VaultState = 'ready' | 'locked' | 'setup' | 'failed';
/** How the data key is sealed; "" when not known yet (e.g. before setup). */
export type VaultMethod = 'os' | 'passphrase' | 'keyfile' | 'env' | '';

export interface VaultStatus {
  state: VaultState;
  method: VaultMethod;
  /** Whether this computer has an OS key store that could seal the key. */
  osKeyStore: boolean;
  /**
   * Non-empty only right after setup or after an unlock with the recovery key
   * (which issues a new one), until AcknowledgeRecovery.
   */
  recoveryKey: string;
  /** Set when state is "failed". */
  error?: { code: string; message: string; field?: string };
}

/**
 * Exactly one of the two secrets. Unlocking with the recovery key re-seals the
 * data key and issues a new recovery key: where there is no OS key store
 * (osKeyStore false) the office must choose a new passphrase in the same step,
 * else Go answers invalid_input with field "newPassphrase".
 */
export type VaultSecret =
  | { passphrase: string }
  | { recoveryKey: string; newPassphrase?: string };

export function vaultStatus(): Promise<VaultStatus> {
  return call<VaultStatus>('Vault.Status');
}

export function vaultSetup(passphrase: string): Promise<{ recoveryKey: string }> {
  return call<{ recoveryKey: string }>('Vault.Setup', { passphrase });
}

/**
 * Opens the data folder; the status it answers carries the new recovery key
 * after an unlock with the recovery key.
 */
export function vaultUnlock(secret: VaultSecret): Promise<VaultStatus> {
  return call<VaultStatus>('Vault.Unlock', secret);
}

export function vaultAcknowledgeRecovery(): Promise<VaultStatus> {
  return call<VaultStatus>('Vault.AcknowledgeRecovery');
}
