// The vault gate's state: Vault.Status as a store, the view it calls for, and
// the client-side checks the setup and unlock forms make before calling Go.
import { derived, writable } from 'svelte/store';
import {
  ApiError,
  vaultAcknowledgeRecovery,
  vaultSetup,
  vaultStatus,
  vaultUnlock,
  type VaultSecret,
  type VaultStatus,
} from '../api';

/** The Go side's rule: at least this many characters (code points after NFC). */
export const MIN_PASSPHRASE = 10;

/** Recovery keys: 32 Crockford base32 characters, written in 8 groups of 4. */
const RECOVERY_CHARS = 32;
const RECOVERY_GROUP = 4;

export type GateView = 'loading' | 'failed' | 'setup' | 'locked' | 'recovery' | 'ready';

/** null until the first Vault.Status answer. */
export const vault = writable<VaultStatus | null>(null);

/**
 * True while the pending recovery key replaces an older one: the folder was
 * just unlocked with the recovery key, which Go then re-sealed and renewed.
 */
export const recoveryRenewed = writable(false);

export function viewFor(status: VaultStatus | null): GateView {
  if (!status) return 'loading';
  // The key is shown once, right after setup, whatever else the status says.
  if (status.recoveryKey) return 'recovery';
  switch (status.state) {
    case 'ready':
    case 'setup':
    case 'locked':
      return status.state;
    default:
      return 'failed';
  }
}

export const gateView = derived(vault, viewFor);

/** A failed call to Vault.Status itself reads like a "failed" vault: same screen, same Retry. */
function failedStatus(err: unknown): VaultStatus {
  const { code, message } = ApiError.from(err);
  return { state: 'failed', method: '', osKeyStore: false, recoveryKey: '', error: { code, message } };
}

/** How long Status keeps being asked while the Go side is still opening the folder. */
export const NOT_READY_RETRIES = 20;
export const NOT_READY_DELAY_MS = 250;

async function fetchStatus(): Promise<VaultStatus> {
  try {
    return await vaultStatus();
  } catch (err) {
    return failedStatus(err);
  }
}

const stillOpening = (s: VaultStatus) => s.state === 'failed' && s.error?.code === 'not_ready';

/** Asks Vault.Status again; "still opening" is waited out for a few seconds. */
export async function refreshVault(): Promise<VaultStatus> {
  let status = await fetchStatus();
  for (let i = 0; i < NOT_READY_RETRIES && stillOpening(status); i++) {
    await new Promise((r) => setTimeout(r, NOT_READY_DELAY_MS));
    status = await fetchStatus();
  }
  vault.set(status);
  return status;
}

/** Seals the data key with a new office passphrase; throws ApiError. */
export async function setupVault(passphrase: string): Promise<void> {
  const { recoveryKey } = await vaultSetup(passphrase);
  recoveryRenewed.set(false);
  let status: VaultStatus;
  try {
    status = await vaultStatus();
  } catch {
    status = { state: 'ready', method: 'passphrase', osKeyStore: false, recoveryKey };
  }
  // The key must be seen once, even if Status were to forget it.
  vault.set(status.recoveryKey ? status : { ...status, recoveryKey });
}

/**
 * Opens the data key with the passphrase or the recovery key; throws ApiError.
 * After the recovery key, Go re-seals the data key and issues a new recovery
 * key, which the gate must show (once) before the shell.
 */
export async function unlockVault(secret: VaultSecret): Promise<void> {
  let status = await vaultUnlock(secret);
  const withRecovery = 'recoveryKey' in secret;
  if (withRecovery && !status.recoveryKey) {
    // Unlock's answer should carry the new key already; Status certainly does.
    try {
      status = await vaultStatus();
    } catch {
      // Keep Unlock's answer: the folder is open either way.
    }
  }
  recoveryRenewed.set(withRecovery && Boolean(status.recoveryKey));
  vault.set(status);
}

/** The admin has written the recovery key down; throws ApiError. */
export async function acknowledgeRecovery(): Promise<void> {
  const status = await vaultAcknowledgeRecovery();
  recoveryRenewed.set(false);
  vault.set(status);
}

/** Length as the Go side counts it: Unicode code points after NFC. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFC')].length;
}

/** Locale key of what is wrong with a new passphrase and its confirmation, by field. */
export function checkNewPassphrase(
  passphrase: string,
  confirm: string,
): { passphrase?: string; confirm?: string } {
  if (passphraseLength(passphrase) < MIN_PASSPHRASE) {
    return { passphrase: 'vault.check.tooShort' };
  }
  if (passphrase.normalize('NFC') !== confirm.normalize('NFC')) {
    return { confirm: 'vault.check.mismatch' };
  }
  return {};
}

/**
 * A recovery key as typed (any case, spaces, dashes) in its written form
 * "ABCD-EFGH-…", or null when it cannot be one (wrong length or characters).
 * O, I and L are kept: the Go side reads them as 0, 1 and 1.
 */
export function normaliseRecoveryKey(typed: string): string | null {
  const chars = typed.toUpperCase().replace(/[\s-]/g, '');
  if (chars.length !== RECOVERY_CHARS || !/^[0-9A-Z]+$/.test(chars)) return null;
  const groups = chars.match(new RegExp(`.{${RECOVERY_GROUP}}`, 'g')) ?? [];
  return groups.join('-');
}
