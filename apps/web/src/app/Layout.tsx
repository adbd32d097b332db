import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { directionOf } from '@amanah/web-format';
import { execute } from '../api/client.js';
import { DashboardListQuery } from '../dashboard/operations.js';
import { useParamSetter, useView } from '../filters/use-view.js';
import { defaultDigits } from '../filters/view-state.js';
import { mayUse, useSession } from '../session/session.js';
import { useAttempt } from './use-attempt.js';

/** One entry of the header's navigation: where it goes (the view's query is kept) and what it says. */
interface NavItem {
  key: string;
  path: string;
  label: string;
}

/**
 * The frame of every page: skip link, title, navigation and the display preferences (language, digits, calendar).
 * It keeps <html lang dir> and i18next in step with the URL's `lang`. On a phone (below 768 px) navigation,
 * preferences and sign-out fold into one menu behind a button.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [view] = useView();
  const setParam = useParamSetter();
  const { search } = useLocation();
  // The digits follow the language unless the user chose them (a `digits` parameter), which is kept unless it is
  // the new language's default anyway.
  const [params] = useSearchParams();
  const switchLanguage = (lang: 'ar' | 'en') => {
    const chosen = params.get('digits');
    setParam({ lang: lang === 'ar' ? null : lang, digits: chosen && chosen !== defaultDigits(lang) ? chosen : null });
  };
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  // Press is offered to keys that may use it (press, analyst, admin), not to a viewer's wall screen.
  const mayUsePress = mayUse(session.session, 'press');
  const mayUseDelivery = mayUse(session.session, 'analysis');
  // Uploads and the batch history are for keys that may ingest (ingest, admin).
  const mayIngest = mayUse(session.session, 'ingest');
  const dashboards = useQuery({
    queryKey: ['dashboards'],
    queryFn: ({ signal }) => execute(DashboardListQuery, {}, signal),
    staleTime: Infinity,
    enabled: signedIn,
  });

  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // Following a link closes the phone menu; a preference changed in it leaves it open for the next one.
  useEffect(() => setMenuOpen(false), [pathname]);
  const menuToggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuToggle.current?.focus();
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [menuOpen]);

  useEffect(() => {
    if (i18n.language !== view.lang) void i18n.changeLanguage(view.lang);
    document.documentElement.lang = view.lang;
    document.documentElement.dir = directionOf(view.lang);
    document.title = t('appName');
  }, [view.lang, i18n, t]);

  // The header's navigation, in order: adding a page to it is one entry here.
  const navItems: NavItem[] = [
    ...(dashboards.data?.dashboards ?? []).map((d) => ({ key: `dashboard-${d.id}`, path: `/dashboards/${d.id}`, label: d.title[view.lang] })),
    { key: 'amanah', path: `/amanahs/${view.amanah ?? 'riyadh'}`, label: t('nav.amanah') },
    ...(mayUsePress ? [{ key: 'press', path: '/press', label: t('press.nav') }] : []),
    ...(mayUseDelivery ? [{ key: 'deliveries', path: '/deliveries', label: t('delivery.nav') }] : []),
    ...(mayIngest ? [{ key: 'upload', path: '/upload', label: t('upload.nav') }, { key: 'batches', path: '/batches', label: t('batches.nav') }] : []),
    ...(mayUse(session.session, 'read') ? [{ key: 'completeness', path: '/completeness', label: t('completeness.nav') }] : []),
    { key: 'glossary', path: '/glossary', label: t('nav.glossary') },
  ];

  return (
    <>
      <a className="skip-link" href="#content">{t('skipToContent')}</a>
      <header className="app-header" data-menu={menuOpen ? 'open' : 'closed'}>
        <div className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true">◆</span>
          <div>
            <p className="app-header__name">{t('appName')}</p>
            <p className="app-header__tagline">{t('appTagline')}</p>
          </div>
        </div>
        <button
          ref={menuToggle}
          type="button"
          className="button button--ghost app-header__menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          data-testid="menu-toggle"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> {t('menu.label')}
        </button>
        <div id="app-menu" className="app-header__menu">
          {signedIn && <AppNav items={navItems} search={search} label={t('nav.label')} />}
          <div className="app-prefs">
            <button
              type="button"
              className="button button--ghost"
              lang={view.lang === 'ar' ? 'en' : 'ar'}
              aria-label={t('switchLanguageLabel')}
              onClick={() => switchLanguage(view.lang === 'ar' ? 'en' : 'ar')}
            >
              {t('switchLanguage')}
            </button>
            <label className="field field--inline">
              <span className="field__label">{t('filters.digits')}</span>
              <select value={view.digits} onChange={(e) => setParam({ digits: e.target.value === defaultDigits(view.lang) ? null : e.target.value })}>
                {(['arab', 'latn'] as const).map((d) => (
                  <option key={d} value={d} aria-label={t(`digitsName.${d}`)}>{t(`digits.${d}`)}</option>
                ))}
              </select>
            </label>
            <label className="field field--inline">
              <span className="field__label">{t('filters.calendar')}</span>
              <select value={view.calendar} onChange={(e) => setParam({ calendar: e.target.value === 'gregory' ? null : e.target.value })}>
                {(['gregory', 'hijri'] as const).map((c) => <option key={c} value={c}>{t(`calendar.${c}`)}</option>)}
              </select>
            </label>
            {signedIn && <SignOutButton label={session.session?.label ?? ''} onSignOut={session.signOut} />}
          </div>
        </div>
      </header>
      <main id="content" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function AppNav({ items, search, label }: { items: readonly NavItem[]; search: string; label: string }) {
  return (
    <nav className="app-nav" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <NavLink to={{ pathname: item.path, search }}>{item.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Who is signed in (the key's label) and the way out; a failed sign-out says so rather than pretending. */
function SignOutButton({ label, onSignOut }: { label: string; onSignOut: () => Promise<void> }) {
  const { t } = useTranslation();
  const { failed, attempt } = useAttempt();
  return (
    <span className="app-session">
      <span className="app-session__who" title={t('session.signedInAs', { label })}>{label}</span>
      <button
        type="button"
        className="button button--ghost"
        onClick={() => attempt(onSignOut)}
      >
        {t('session.signOut')}
      </button>
      {failed && <span role="alert">{t('session.signOutFailed')}</span>}
    </span>
  );
}
