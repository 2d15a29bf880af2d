import { describe, expect, it } from 'vitest';
import { budgetPercent, budgetSpent, formatBytes, formatSkew, shortPeer, syncStatusOf } from './sync';

describe('syncStatusOf', () => {
  it('fills what Go leaves out and drops an unknown role', () => {
    expect(syncStatusOf({ enrolled: true, peerId: 'p', role: 'prefect' as never, peers: [{ peer: 'x' } as never] })).toEqual({
      enrolled: true,
      peerId: 'p',
      office: '',
      path: '',
      role: '',
      expires: '',
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
    });
    expect(syncStatusOf(null).peers).toEqual([]);
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

describe('formatting', () => {
  it('bytes, skews and peer IDs', () => {
    expect(formatBytes(512, 'vi')).toBe('512 B');
    expect(formatBytes(1536, 'vi')).toBe('1,5 kB');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(3 * 1024 * 1024, 'en')).toBe('3 MB');
    expect(formatSkew(null, 'vi')).toBe('');
    expect(formatSkew(0, 'vi')).toBe('0 s');
    expect(formatSkew(-2500, 'vi')).toBe('-2,5 s');
    expect(formatSkew(61000, 'en')).toBe('+61 s');
    expect(shortPeer('12D3KooWAbcdefghijklmnopqrstuvwxyz')).toBe('12D3KooWAb…wxyz');
    expect(shortPeer('short')).toBe('short');
  });
});
