import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import vi from '../locales/vi.json';
import {
  STORAGE_KEY,
  adoptServerLanguage,
  apiErrorKey,
  errorKey,
  isPlural,
  locale,
  pickInitialLocale,
  setLocale,
  t,
  translate,
} from './i18n';

type Tree = { [key: string]: string | Tree };

/** Every key, a set of plural forms counting as one key (its languages differ in forms). */
function flatKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' || isPlural(v) ? [`${prefix}${k}`] : flatKeys(v, `${prefix}${k}.`),
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

describe('plurals', () => {
  it('English counts one dossier, two dossiers; Vietnamese has one form', () => {
    expect(translate('en', 'workday.waiting', { n: 1 })).toBe('1 dossier waiting');
    expect(translate('en', 'workday.waiting', { n: 2 })).toBe('2 dossiers waiting');
    expect(translate('en', 'workday.waiting', { n: 0 })).toBe('0 dossiers waiting');
    expect(translate('vi', 'workday.waiting', { n: 1 })).toBe('1 hồ sơ đang chờ');
    expect(translate('vi', 'workday.waiting', { n: 2 })).toBe('2 hồ sơ đang chờ');
    // The count may come as n, count or total; a number as text counts too.
    expect(translate('en', 'reports.drill.count', { total: 1 })).toBe('1 dossier');
    expect(translate('en', 'reports.drill.count', { total: '12' })).toBe('12 dossiers');
    expect(translate('en', 'accessLog.rows', { n: 1 })).toBe('1 row');
    expect(translate('en', 'catalog.workingDays', { n: 1 })).toBe('1 working day');
  });

  it('without a count a plural text reads in its "other" form, never as its key', () => {
    expect(translate('en', 'workday.waiting')).toBe('{n} dossiers waiting');
    expect(translate('en', 'workday.waiting', { n: '200+' })).toBe('200+ dossiers waiting');
  });

  it('no English text counts with a bare plural where a plural form is needed', () => {
    // "{n} dossiers" and the like read "1 dossiers" for one: each must be a set of forms.
    const bare = flatKeys(en).filter((k) => /\{(n|count|total)\} (dossiers|procedures|rows|events|accesses|receipts|working days)\b/.test(translate('en', k)) && translate('en', k, { n: 1, count: 1, total: 1 }).match(/\b1 (dossiers|procedures|rows|events|accesses|receipts|working days)\b/));
    expect(bare).toEqual([]);
  });
});
