import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../api';
import {
  checkNewPassphrase,
  gateView,
  normaliseRecoveryKey,
  passphraseLength,
  refreshVault,
  setupVault,
  vault,
  viewFor,
} from './vault';

const ready: VaultStatus = { state: 'ready', method: 'passphrase', osKeyStore: false, recoveryKey: '' };

beforeEach(() => vault.set(null));
afterEach(() => {
  delete window.go;
});

describe('viewFor', () => {
  it('maps each status to its screen', () => {
    expect(viewFor(null)).toBe('loading');
    expect(viewFor(ready)).toBe('ready');
    expect(viewFor({ ...ready, state: 'setup' })).toBe('setup');
    expect(viewFor({ ...ready, state: 'locked' })).toBe('locked');
    expect(viewFor({ ...ready, state: 'failed' })).toBe('failed');
    // A state this version does not know is not a way in.
    expect(viewFor({ ...ready, state: 'sealed' as VaultStatus['state'] })).toBe('failed');
  });

  it('shows a pending recovery key before anything else', () => {
    expect(viewFor({ ...ready, recoveryKey: 'AAAA-BBBB' })).toBe('recovery');
  });
});

describe('passphrase checks', () => {
  it('counts code points after NFC, as Go does', () => {
    const decomposed = 'tiê\u0301p dân'; // "tiếp dân" typed with a combining accent
    expect(decomposed.length).toBe(9);
    expect(passphraseLength(decomposed)).toBe(8);
    expect(passphraseLength('😀😀😀😀😀😀😀😀😀😀')).toBe(10);
  });

  it('wants 10 characters, then a matching confirmation (compared after NFC)', () => {
    expect(checkNewPassphrase('123456789', '123456789')).toEqual({ passphrase: 'vault.check.tooShort' });
    expect(checkNewPassphrase('1234567890', '123456789x')).toEqual({ confirm: 'vault.check.mismatch' });
    expect(checkNewPassphrase('tiếp dân sáng', 'tiê\u0301p dân sáng')).toEqual({});
  });
});

describe('normaliseRecoveryKey', () => {
  const key = '7KQ2-M9XD-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';

  it('accepts any case, spaces and dashes', () => {
    expect(normaliseRecoveryKey(key)).toBe(key);
    expect(normaliseRecoveryKey(key.toLowerCase())).toBe(key);
    expect(normaliseRecoveryKey(' 7kq2m9xd abcd efgh\tjkmn-pqrs tvwx\u00a0yz01\n')).toBe(key);
  });

  it('refuses the wrong length or characters outside letters and digits', () => {
    expect(normaliseRecoveryKey('')).toBeNull();
    expect(normaliseRecoveryKey(key.slice(0, -1))).toBeNull();
    expect(normaliseRecoveryKey(`${key}X`)).toBeNull();
    expect(normaliseRecoveryKey(key.replace('A', 'Ă'))).toBeNull();
    expect(normaliseRecoveryKey(key.replace('A', '*'))).toBeNull();
  });
});

describe('refreshVault', () => {
  it('waits out "still opening" (not_ready) before showing a failure', async () => {
    const opening: VaultStatus = {
      ...ready,
      state: 'failed',
      error: { code: 'not_ready', message: 'still opening' },
    };
    const Status = vi
      .fn()
      .mockResolvedValueOnce(opening)
      .mockResolvedValueOnce(opening)
      .mockResolvedValue(ready);
    window.go = { app: { Vault: { Status } } };
    await expect(refreshVault()).resolves.toEqual(ready);
    expect(Status).toHaveBeenCalledTimes(3);
    expect(get(gateView)).toBe('ready');
  });

  it('turns a failed Status call into a failed status', async () => {
    window.go = { app: {} };
    const status = await refreshVault();
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('unknown_method');
  });
});

describe('setupVault', () => {
  it('keeps the recovery key from Setup even if Status lacks it', async () => {
    window.go = {
      app: {
        Vault: {
          Setup: async () => ({ recoveryKey: 'AAAA-BBBB' }),
          Status: async () => ready,
        },
      },
    };
    await setupVault('0123456789');
    expect(get(vault)?.recoveryKey).toBe('AAAA-BBBB');
    expect(get(gateView)).toBe('recovery');
  });
});
