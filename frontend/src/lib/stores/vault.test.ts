import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../api';
import {
  checkNewPassphrase,
  gateView,
  normaliseRecoveryKey,
  acknowledgeRecovery,
  passphraseLength,
  recoveryRenewed,
  refreshVault,
  setupVault,
  unlockVault,
  vault,
  viewFor,
} from './vault';
import { installGo } from '../../test/fakeGo';

const ready: VaultStatus = { state: 'ready', method: 'passphrase', osKeyStore: false, recoveryKey: '' };

beforeEach(() => {
  vault.set(null);
  recoveryRenewed.set(false);
});
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
    installGo({ Vault: { Status } });
    await expect(refreshVault()).resolves.toEqual(ready);
    expect(Status).toHaveBeenCalledTimes(3);
    expect(get(gateView)).toBe('ready');
  });

  it('turns a failed Status call into a failed status', async () => {
    installGo({});
    const status = await refreshVault();
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('unknown_method');
  });
});

describe('setupVault', () => {
  it('keeps the recovery key from Setup even if Status lacks it', async () => {
    installGo({
      Vault: {
        Setup: async () => ({ recoveryKey: 'AAAA-BBBB' }),
        Status: async () => ready,
      },
    });
    await setupVault('0123456789');
    expect(get(vault)?.recoveryKey).toBe('AAAA-BBBB');
    expect(get(gateView)).toBe('recovery');
  });
});

describe('unlockVault', () => {
  const renewed: VaultStatus = { ...ready, recoveryKey: 'NEW1-NEW2' };

  it('with the recovery key: the new key is shown, marked as replacing the old one', async () => {
    const Unlock = vi.fn(async () => renewed);
    const AcknowledgeRecovery = vi.fn(async () => ready);
    installGo({ Vault: { Unlock, AcknowledgeRecovery } });
    await unlockVault({ recoveryKey: 'OLD1-OLD2', newPassphrase: 'mật khẩu mới của xã' });
    expect(Unlock).toHaveBeenCalledWith({ recoveryKey: 'OLD1-OLD2', newPassphrase: 'mật khẩu mới của xã' });
    expect(get(gateView)).toBe('recovery');
    expect(get(vault)?.recoveryKey).toBe('NEW1-NEW2');
    expect(get(recoveryRenewed)).toBe(true);

    await acknowledgeRecovery();
    expect(get(gateView)).toBe('ready');
    expect(get(recoveryRenewed)).toBe(false);
  });

  it("asks Status for the new key when Unlock's answer lacks it", async () => {
    const Status = vi.fn(async () => renewed);
    installGo({ Vault: { Unlock: async () => ready, Status } });
    await unlockVault({ recoveryKey: 'OLD1-OLD2' });
    expect(Status).toHaveBeenCalledTimes(1);
    expect(get(gateView)).toBe('recovery');
    expect(get(recoveryRenewed)).toBe(true);
  });

  it('with the passphrase: straight to ready, Status not asked again', async () => {
    const Status = vi.fn(async () => renewed);
    installGo({ Vault: { Unlock: async () => ready, Status } });
    await unlockVault({ passphrase: 'mật khẩu của xã' });
    expect(Status).not.toHaveBeenCalled();
    expect(get(gateView)).toBe('ready');
    expect(get(recoveryRenewed)).toBe(false);
  });
});
