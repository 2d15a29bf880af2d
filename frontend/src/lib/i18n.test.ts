import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import vi from '../locales/vi.json';
import {
  STORAGE_KEY,
  adoptServerLanguage,
  apiErrorKey,
  errorKey,
  locale,
  pickInitialLocale,
  setLocale,
  t,
  translate,
} from './i18n';

type Tree = { [key: string]: string | Tree };

function flatKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : flatKeys(v, `${prefix}${k}.`),
  );
}

describe('locale files', () => {
  it('vi.json and en.json have identical key sets', () => {
    expect(flatKeys(en).sort()).toEqual(flatKeys(vi).sort());
  });

  it('have no empty strings', () => {
    for (const tree of [vi, en]) {
      const empty = flatKeys(tree).filter((k) => translate(tree === vi ? 'vi' : 'en', k) === '');
      expect(empty).toEqual([]);
    }
  });

  it('cover every error code the Go side sends', () => {
    const codes = [
      'internal',
      'invalid_input',
      'not_found',
      'unknown_method',
      'unauthorized',
      'forbidden_origin',
      'not_ready',
      'data_unavailable',
      'data_in_use',
      'not_initialised',
      'node_unreachable',
      'locked',
      'wrong_secret',
      'vault_state',
      'key_unavailable',
      'tampered',
      'unauthenticated',
      'forbidden',
      'bad_login',
      'account_locked',
      'account_disabled',
      'conflict',
      'import_rejected',
      'setup_done',
      'network', // frontend-side: fetch failed
    ];
    for (const code of codes) expect(errorKey(code)).toBe(`errors.${code}`);
  });
});

describe('translate / t', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => locale.set('vi'));

  it('translates in the current locale', () => {
    locale.set('vi');
    expect(get(t)('nav.reception')).toBe('Tiếp nhận');
    locale.set('en');
    expect(get(t)('nav.reception')).toBe('Reception');
  });

  it('fills {params} and leaves unknown placeholders alone', () => {
    expect(translate('vi', 'nav.shortcut', { n: 3 })).toBe('Phím tắt: Alt+3');
    expect(translate('en', 'errorBanner.field', { field: 'name' })).toBe('Field: name');
    expect(translate('en', 'nav.shortcut')).toBe('Shortcut: Alt+{n}');
  });

  it('falls back to the key when missing everywhere', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
    expect(translate('en', 'nav')).toBe('nav'); // a branch, not a string
  });

  it('maps unknown error codes to errors.internal', () => {
    expect(errorKey('teapot')).toBe('errors.internal');
    expect(errorKey('not_found')).toBe('errors.not_found');
  });

  it('reads a text refused as not text the same way in any request', () => {
    // The registry refuses it in any request as invalid_input (app/text.go).
    const generic = { code: 'invalid_input', params: { rule: 'bad_text', field: 'procedure.name', char: 'U+202E' } };
    expect(apiErrorKey(generic)).toBe('check.badText');
    expect(apiErrorKey({ code: 'invalid_input' })).toBe('errors.invalid_input');
    expect(translate('vi', apiErrorKey(generic))).toBe(translate('vi', 'dossier.rule.bad_text'));
    expect(translate('en', apiErrorKey(generic))).toBe(translate('en', 'dossier.rule.bad_text'));
  });
});

describe('locale choice', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => locale.set('vi'));

  it('prefers saved choice, then server language, then vi', () => {
    expect(pickInitialLocale('en', 'vi')).toBe('en');
    expect(pickInitialLocale(null, 'en')).toBe('en');
    expect(pickInitialLocale(null, '')).toBe('vi');
    expect(pickInitialLocale('fr', 'de')).toBe('vi');
  });

  it('setLocale remembers the choice and updates <html lang>', () => {
    setLocale('en');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('server language applies only when the user has not chosen', () => {
    adoptServerLanguage('en');
    expect(get(locale)).toBe('en');
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();

    setLocale('vi');
    adoptServerLanguage('en');
    expect(get(locale)).toBe('vi');
  });
});
