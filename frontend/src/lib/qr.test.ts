import { describe, expect, it } from 'vitest';
import { qrDataUrl } from './qr';

describe('qrDataUrl', () => {
  it('draws an enrolment-sized text as an SVG image', async () => {
    const url = await qrDataUrl(`HSENROL1.${'x'.repeat(1000)}`);
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<path');
  });
});
