import { useEffect, useRef, useState, type ReactNode } from 'react';
import { LOCALES, LOCALE_NAMES, isLocale, useI18n } from '../i18n/index.js';
import { Link, lastNavigationWasRedirect, useLocation } from '../router.js';
import { useLogOut, type SessionUser } from '../session.js';
import { Button } from './Button.js';

export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title, t]);
}

export interface NavItem {
  to: string;
  label: string;
}

function NavLinks({ items, pathname, onNavigate }: { items: NavItem[]; pathname: string; onNavigate(): void }) {
  return (
    <>
      {items.map((item) => {
        const current = item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <li key={item.to}>
            <Link
              to={item.to}
              onClick={onNavigate}
              aria-current={current ? 'page' : undefined}
              className="flex min-h-11 items-center rounded-md px-2.5 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-emerald-50 aria-[current=page]:text-emerald-900"
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </>
  );
}

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      {t.settings.language}
      <select
        value={locale}
        onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}
        className="min-h-11 rounded-md border border-slate-400 bg-white px-2 text-sm"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Header with the navigation (a menu button on phones), the page, and a footer with the language. */
export function Layout({ user, nav, children }: { user: SessionUser | null; nav: NavItem[]; children: ReactNode }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  const logOut = useLogOut();

  // After the user goes to another page, focus moves to it, as it would on a page load; a redirect
  // (the page loaded at one address and shown at another) leaves focus where a page load puts it.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    if (!lastNavigationWasRedirect()) main.current?.focus();
  }, [pathname]);

  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-3">
        {t.app.skipToContent}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-2">
          <Link to="/" className="mr-4 flex min-h-11 items-center text-lg font-bold text-emerald-800">
            {t.app.name}
          </Link>
          <Button variant="ghost" className="ml-auto lg:hidden" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
            {t.app.menu}
          </Button>
          <nav id="main-nav" aria-label={t.nav.main} className={`${menuOpen ? 'block' : 'hidden'} w-full lg:ml-auto lg:block lg:w-auto`}>
            <ul className="flex flex-col gap-1 py-2 lg:flex-row lg:items-center lg:py-0">
              <NavLinks items={nav} pathname={pathname} onNavigate={() => setMenuOpen(false)} />
              {user && (
                <li>
                  <Button variant="ghost" busy={logOut.isPending} onClick={() => logOut.mutate()} title={t.nav.signedInAs(user.displayName)}>
                    {t.nav.logOut}
                  </Button>
                </li>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm text-slate-600">
          <span>{t.app.tagline}</span>
          <LanguageSwitch />
        </div>
      </footer>
    </div>
  );
}
