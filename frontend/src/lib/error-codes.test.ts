/// <reference types="node" />
// Every error code Go's app/errors.go declares has a text in both locales:
// read from the Go file itself, so a code added there without its
// translation fails here (i18n.test.ts keeps a hand-written list).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import vi from '../locales/vi.json';

const errorsGo = readFileSync(resolve(import.meta.dirname, '../../../app/errors.go'), 'utf8');
const codes = [...errorsGo.matchAll(/^\s+Code\w+\s+Code\s*=\s*"([a-z_]+)"/gm)].map((m) => m[1]);

describe("app/errors.go's codes", () => {
  it('are read from the Go file', () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(codes).toContain('refused');
  });

  it('each has a text in vi and en', () => {
    for (const tree of [vi, en]) {
      const texts: Record<string, unknown> = tree.errors;
      expect(codes.filter((c) => typeof texts[c] !== 'string' || texts[c] === '')).toEqual([]);
    }
  });
});
