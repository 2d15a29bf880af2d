import { describe, expect, it } from 'vitest';
import { formatBytes, formatSkew, shortPeer, syncStatusOf } from './sync';

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
        },
      ],
      conflicts: 0,
    });
    expect(syncStatusOf(null).peers).toEqual([]);
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
