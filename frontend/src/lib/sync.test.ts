/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import vi from '../locales/vi.json';
import {
  PEER_FAILURES,
  budgetBytesOf,
  budgetMbText,
  budgetPercent,
  budgetSpent,
  formatBytes,
  formatSkew,
  peerFailureKey,
  peerFailureOf,
  shortPeer,
  syncStatusOf,
} from './sync';
import { translate } from './i18n';

describe('peer failures', () => {
  it("are the codes of Go's p2p/failure.go, in its order", () => {
    const failureGo = readFileSync(resolve(import.meta.dirname, '../../../p2p/failure.go'), 'utf8');
    const declared = [...failureGo.matchAll(/^\s+Fail\w+\s+Failure\s*=\s*"([a-z_]+)"/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(10);
    expect([...PEER_FAILURES]).toEqual(declared);
  });

  it('every code has a text in both locales', () => {
    for (const tree of [vi, en]) {
      const texts: Record<string, unknown> = tree.sync.failure;
      const missing = PEER_FAILURES.filter((c) => typeof texts[c] !== 'string' || texts[c] === '');
      expect(missing).toEqual([]);
      // And no text for a code Go does not send.
      expect(Object.keys(texts).sort()).toEqual([...PEER_FAILURES].sort());
    }
    expect(translate('vi', peerFailureKey('timeout'))).toBe('Thiết bị không trả lời kịp thời.');
    expect(translate('en', peerFailureKey('budget_exhausted'))).toBe("Today's sync budget for this link is spent.");
  });

  it('an unknown code or raw error text reads as other', () => {
    expect(peerFailureOf('timeout')).toBe('timeout');
    expect(peerFailureOf('')).toBe('');
    expect(peerFailureOf(undefined)).toBe('');
    expect(peerFailureOf('from_a_newer_node')).toBe('other');
    expect(peerFailureOf('failed to dial 12D3KooW…: all dials failed')).toBe('other');
    const [p] = syncStatusOf({ peers: [{ peer: 'x', lastError: 'dial backoff' } as never] }).peers;
    expect(p.lastError).toBe('other');
  });
});

describe('syncStatusOf', () => {
  it('fills what Go leaves out and drops an unknown role', () => {
    expect(syncStatusOf({ enrolled: true, peerId: 'p', role: 'prefect' as never, peers: [{ peer: 'x' } as never] })).toEqual({
      enrolled: true,
      peerId: 'p',
      office: '',
      path: '',
      role: '',
      expires: '',
      certificateExpires: '',
      renewDue: false,
      hubs: [],
      running: false,
      peers: [
        {
          peer: 'x',
          office: '',
          connected: false,
          lastSuccess: '',
          lastError: '',
          lastErrorAt: '',
          receivedEvents: 0,
          sentEvents: 0,
          bytesIn: 0,
          bytesOut: 0,
          syncing: false,
          clockSkewMs: null,
          budgetUsed: 0,
          budgetLimit: 0,
        },
      ],
      conflicts: 0,
      dailyBudget: 0,
      tried: [],
    });
    expect(syncStatusOf(null).peers).toEqual([]);
    expect(syncStatusOf({ tried: [{ peer: 'p', code: 'a code of a newer node' }, { peer: 'q', code: '' }] } as never).tried).toEqual([
      { peer: 'p', office: '', hub: false, code: 'other', events: 0, bytes: 0 },
      { peer: 'q', office: '', hub: false, code: '', events: 0, bytes: 0 },
    ]);
  });
});

describe('daily budget', () => {
  const budgetOf = (p: Record<string, unknown>) => {
    const [r] = syncStatusOf({ peers: [{ peer: 'x', ...p } as never] }).peers;
    return { budgetUsed: r.budgetUsed, budgetLimit: r.budgetLimit };
  };

  it('reads budgetUsed and budgetLimit when present', () => {
    expect(budgetOf({ budgetUsed: 1258291, budgetLimit: 5242880 })).toEqual({ budgetUsed: 1258291, budgetLimit: 5242880 });
  });

  it('an absent budgetLimit (Go omits it) means no limit; an absent budgetUsed is 0', () => {
    expect(budgetOf({ budgetUsed: 4096 })).toEqual({ budgetUsed: 4096, budgetLimit: 0 });
    expect(budgetOf({})).toEqual({ budgetUsed: 0, budgetLimit: 0 });
  });

  it('garbage reads as 0', () => {
    for (const v of ['5242880', null, true, {}, [], NaN, Infinity, -Infinity, -5]) {
      expect(budgetOf({ budgetUsed: v, budgetLimit: v })).toEqual({ budgetUsed: 0, budgetLimit: 0 });
    }
  });

  it('is spent only with a limit, once used reaches it', () => {
    expect(budgetSpent({ budgetUsed: 0, budgetLimit: 0 })).toBe(false);
    expect(budgetSpent({ budgetUsed: 9e9, budgetLimit: 0 })).toBe(false);
    expect(budgetSpent({ budgetUsed: 99, budgetLimit: 100 })).toBe(false);
    expect(budgetSpent({ budgetUsed: 100, budgetLimit: 100 })).toBe(true);
    expect(budgetSpent({ budgetUsed: 150, budgetLimit: 100 })).toBe(true);
  });

  it('percent used, capped at 100, 0 with no limit', () => {
    expect(budgetPercent({ budgetUsed: 500, budgetLimit: 0 })).toBe(0);
    expect(budgetPercent({ budgetUsed: 1258291, budgetLimit: 5242880 })).toBe(24);
    expect(budgetPercent({ budgetUsed: 150, budgetLimit: 100 })).toBe(100);
  });
});

describe('node daily budget', () => {
  it('reads dailyBudget when present', () => {
    expect(syncStatusOf({ dailyBudget: 50_000_000 }).dailyBudget).toBe(50_000_000);
    expect(syncStatusOf({ dailyBudget: 0 }).dailyBudget).toBe(0);
  });

  it('absent (Go omits it) means no limit', () => {
    expect(syncStatusOf({ enrolled: true }).dailyBudget).toBe(0);
    expect(syncStatusOf(null).dailyBudget).toBe(0);
  });

  it('garbage reads as 0', () => {
    for (const v of ['50000000', null, true, {}, [], NaN, Infinity, -Infinity, -5]) {
      expect(syncStatusOf({ dailyBudget: v as never }).dailyBudget).toBe(0);
    }
  });

  it('the form’s MB text becomes whole bytes (1 MB = 1,000,000 B); empty or 0 is no limit', () => {
    expect(budgetBytesOf('50')).toBe(50_000_000);
    expect(budgetBytesOf(' 0.5 ')).toBe(500_000);
    expect(budgetBytesOf('0,5')).toBe(500_000);
    expect(budgetBytesOf('.25')).toBe(250_000);
    expect(budgetBytesOf('1.2345678')).toBe(1_234_568);
    expect(budgetBytesOf('')).toBe(0);
    expect(budgetBytesOf('   ')).toBe(0);
    expect(budgetBytesOf('0')).toBe(0);
    expect(budgetBytesOf('0.0')).toBe(0);
  });

  it('refuses negatives, non-numbers and values that are no byte count', () => {
    for (const v of ['-1', '-0.5', 'abc', '5O', '1e3', '0x10', '1,2,3', '1.2.3', 'Infinity', 'NaN', '.', '50 MB', '0.0000001', '9'.repeat(12)]) {
      expect(budgetBytesOf(v), v).toBeNull();
    }
  });

  it('a budget back as the form’s MB text', () => {
    expect(budgetMbText(0)).toBe('');
    expect(budgetMbText(50_000_000)).toBe('50');
    expect(budgetMbText(500_000)).toBe('0.5');
  });
});

describe('formatting', () => {
  it('bytes, skews and peer IDs', () => {
    expect(formatBytes(512, 'vi')).toBe('512 B');
    expect(formatBytes(1536, 'vi')).toBe('1,5 kB');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(3_000_000, 'en')).toBe('3 MB');
    expect(formatBytes(3 * 1024 * 1024, 'en')).toBe('3.1 MB');
    expect(formatSkew(null, 'vi')).toBe('');
    expect(formatSkew(0, 'vi')).toBe('0 s');
    expect(formatSkew(-2500, 'vi')).toBe('-2,5 s');
    expect(formatSkew(61000, 'en')).toBe('+61 s');
    expect(shortPeer('12D3KooWAbcdefghijklmnopqrstuvwxyz')).toBe('12D3KooWAb…wxyz');
    expect(shortPeer('short')).toBe('short');
  });
});
