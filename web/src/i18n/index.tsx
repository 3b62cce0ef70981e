import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createFormat, type Currency, type Format } from '../format.js';
import { en } from './en.js';
import { es } from './es.js';
import { ptBR, type Messages } from './pt-BR.js';

export const LOCALES = ['pt-BR', 'es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** Each language named in itself, so a reader finds their own whatever the current language is. */
export const LOCALE_NAMES: Record<Locale, string> = { 'pt-BR': 'Português (Brasil)', es: 'Español', en: 'English' };
const MESSAGES: Record<Locale, Messages> = { 'pt-BR': ptBR, es, en };

const LOCALE_KEY = 'vagas.locale';
const CURRENCY_KEY = 'vagas.currency';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The stored choice, else the browser's first language we speak, else Portuguese. */
function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  if (isLocale(stored)) return stored;
  for (const language of navigator.languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'pt') return 'pt-BR';
    if (base === 'es' || base === 'en') return base;
  }
  return 'pt-BR';
}

interface I18n {
  locale: Locale;
  t: Messages;
  fmt: Format;
  currency: Currency;
  /** `remember: false` follows the account's language without overriding a choice made here later. */
  setLocale(locale: Locale, opts?: { remember?: boolean }): void;
  hasChosenLocale(): boolean;
  setCurrency(currency: Currency): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [currency, setCurrencyState] = useState<Currency>(() => {
    const stored = localStorage.getItem(CURRENCY_KEY);
    return stored === 'USD' || stored === 'BRL' ? stored : locale === 'pt-BR' ? 'BRL' : 'USD';
  });
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale, opts: { remember?: boolean } = {}) => {
    if (opts.remember !== false) localStorage.setItem(LOCALE_KEY, next);
    setLocaleState(next);
  }, []);
  const setCurrency = useCallback((next: Currency) => {
    localStorage.setItem(CURRENCY_KEY, next);
    setCurrencyState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: MESSAGES[locale],
      fmt: createFormat(locale),
      currency,
      setLocale,
      hasChosenLocale: () => isLocale(localStorage.getItem(LOCALE_KEY)),
      setCurrency,
    }),
    [locale, currency, setLocale, setCurrency],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
