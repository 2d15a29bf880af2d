import type * as gen from '../api.gen';
import { call } from './core';

export type Language = 'vi' | 'en';

export type Office = gen.Office;

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

export function systemInfo(): Promise<SystemInfo> {
  return call('System.Info');
}

export function setLanguage(language: Language): Promise<{ language: Language }> {
  return call('System.SetLanguage', { language }) as Promise<{ language: Language }>;
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
  return call('Vault.Status') as Promise<VaultStatus>;
}

export function vaultSetup(passphrase: string): Promise<{ recoveryKey: string }> {
  return call('Vault.Setup', { passphrase });
}

/**
 * Opens the data folder; the status it answers carries the new recovery key
 * after an unlock with the recovery key.
 */
export function vaultUnlock(secret: VaultSecret): Promise<VaultStatus> {
  return call('Vault.Unlock', secret) as Promise<VaultStatus>;
}

export function vaultAcknowledgeRecovery(): Promise<VaultStatus> {
  return call('Vault.AcknowledgeRecovery') as Promise<VaultStatus>;
}
