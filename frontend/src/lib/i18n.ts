// Tiny hand-written i18n: a `locale` store and a derived `t` function.
// Every user-visible string lives in src/locales/*.json (nested objects,
// addressed with dotted keys such as "nav.reception"). A text that depends
// on a number is an object of plural forms, {"one": "{n} dossier",
// "other": "{n} dossiers"}, chosen by the language's plural rules
// (Intl.PluralRules) from the parameter n (or count, or total); Vietnamese has one
// form and writes a plain string.
import { derived, writable } from 'svelte/store';
import vi from '../locales/vi.json';
import en from '../locales/en.json';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
/** localStorage key holding the user's explicit choice. */
export const STORAGE_KEY = 'hoso.lang';

export type Messages = { [key: string]: string | Messages };
export type Params = Record<string, string | number>;

export const messages: Record<Locale, Messages> = { vi, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The CLDR plural categories a plural object may name. */
const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** Whether a node is a set of plural forms (with at least "other") rather than a group of keys. */
export function isPlural(node: string | Messages | undefined): node is Record<string, string> {
  return (
    typeof node === 'object' &&
    typeof node.other === 'string' &&
    Object.entries(node).every(([k, v]) => PLURAL_FORMS.includes(k) && typeof v === 'string')
  );
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural category of count in lang ("other" when count is not a number). */
export function pluralForm(lang: Locale, count: number): string {
  if (!Number.isFinite(count)) return 'other';
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

function lookup(tree: Messages, key: string, lang: Locale, count = NaN): string | undefined {
  let node: string | Messages | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  if (isPlural(node)) return node[pluralForm(lang, count)] ?? node.other;
  return typeof node === 'string' ? node : undefined;
}

export function hasKey(key: string, lang: Locale = DEFAULT_LOCALE): boolean {
  return lookup(messages[lang], key, lang) !== undefined;
}

/** The number a text's plural form follows: the parameter n, else count, else total. */
function countOf(params?: Params): number {
  const v = params?.n ?? params?.count ?? params?.total;
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
}

/**
 * Text for `key` in `lang`, with `{name}` placeholders filled from `params`.
 * Falls back to Vietnamese (the reference locale), then to the key itself so a
 * missing string is visible instead of blank.
 */
export function translate(lang: Locale, key: string, params?: Params): string {
  const count = countOf(params);
  const text = lookup(messages[lang], key, lang, count) ?? lookup(messages[DEFAULT_LOCALE], key, DEFAULT_LOCALE, count) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Locale key for an API error code; unknown codes read as a generic error. */
export function errorKey(code: string): string {
  const key = `errors.${code}`;
  return hasKey(key) ? key : 'errors.internal';
}

/**
 * Locale key for an API error: a text that is not text (params.rule
 * "bad_text": a control or text-direction character, or damaged UTF-8 —
 * the registry refuses it in any request as invalid_input, the dossier
 * rules as a refusal) reads as such; anything else by its code.
 */
export function apiErrorKey(err: { code: string; params?: Record<string, string> }): string {
  if (err.params?.rule === 'bad_text') return 'check.badText';
  // A file refused (app/files.go): worded by its rule, whatever it was for.
  if (err.params?.scope === 'file' && err.params.rule && hasKey(`files.rules.${err.params.rule}`)) return `files.rules.${err.params.rule}`;
  return errorKey(err.code);
}

/** Start-up rule: explicit saved choice, else the node's setting, else Vietnamese. */
export function pickInitialLocale(stored: string | null, serverLanguage?: string | null): Locale {
  if (isLocale(stored)) return stored;
  if (isLocale(serverLanguage)) return serverLanguage;
  return DEFAULT_LOCALE;
}

// localStorage can throw (privacy modes, sandboxed frames); a missing
// preference must never break start-up.
export function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function saveLocale(lang: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not fatal: the choice just won't survive a reload.
  }
}

export const locale = writable<Locale>(pickInitialLocale(storedLocale()));

// Keep <html lang> right so screen readers and hyphenation use the right language.
locale.subscribe((lang) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
});

export const t = derived(
  locale,
  (lang) =>
    (key: string, params?: Params): string =>
      translate(lang, key, params),
);

/** The user's explicit choice: applied and remembered. */
export function setLocale(lang: Locale): void {
  locale.set(lang);
  saveLocale(lang);
}

/** The node's configured language; applies only while the user has made no choice. */
export function adoptServerLanguage(language: string | null | undefined): void {
  if (storedLocale() === null) locale.set(pickInitialLocale(null, language));
}
