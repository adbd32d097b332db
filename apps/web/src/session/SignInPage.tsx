import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { formatNumber } from '@amanah/web-format';
import { useView } from '../filters/use-view.js';
import { useSession } from './session.js';
import { fetchOidcEnabled, oidcLoginHref, SignInError, type SignInFailure } from './session-api.js';

/**
 * Shown instead of any page while there is no session. The URL is left as it is, so after signing in the reader
 * lands on the very view the link asked for.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [view] = useView();
  const { signIn } = useSession();
  const location = useLocation();
  const [key, setKey] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ reason: SignInFailure; retryAfterSeconds?: number } | null>(null);
  const ids = { title: useId(), note: useId(), error: useId() };
  // Sign-in with the ministry account is offered only when the API has it configured (KPI_OIDC_*).
  const oidc = useQuery({ queryKey: ['session', 'oidc'], queryFn: ({ signal }) => fetchOidcEnabled(signal), staleTime: Infinity, retry: false });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return;
    setPending(true);
    setFailure(null);
    try {
      await signIn(trimmed);
    } catch (error) {
      setFailure(error instanceof SignInError ? { reason: error.reason, retryAfterSeconds: error.retryAfterSeconds } : { reason: 'unavailable' });
      setPending(false);
    }
  };

  const seconds = failure?.retryAfterSeconds;
  return (
    <section className="sign-in" aria-labelledby={ids.title}>
      <h1 id={ids.title} className="page-title">{t('signIn.title')}</h1>
      <p className="page-description">{t('signIn.intro')}</p>
      {oidc.data === true && (
        <p className="sign-in__oidc">
          {/* A full navigation: the API sends the browser to the provider and back to this very view. */}
          <a className="button" href={oidcLoginHref(`${location.pathname}${location.search}`)}>
            {t('signIn.oidc')}
          </a>
          <span className="sign-in__or">{t('signIn.orWithKey')}</span>
        </p>
      )}
      <form className="sign-in__form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field__label">{t('signIn.key')}</span>
          {/* Keys are Latin text whatever the page's direction. */}
          <input
            type="password"
            name="key"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-invalid={failure?.reason === 'invalid'}
            aria-describedby={failure ? ids.error : ids.note}
          />
        </label>
        {failure && (
          <p id={ids.error} role="alert" className="sign-in__error">
            {failure.reason === 'rate_limited' && seconds
              ? t('signIn.rateLimitedFor', { seconds: formatNumber(seconds, { lang: view.lang, digits: view.digits, calendar: view.calendar }) })
              : t(`signIn.failure.${failure.reason}`)}
          </p>
        )}
        <button type="submit" className="button" disabled={pending || !key.trim()}>
          {t(pending ? 'signIn.submitting' : 'signIn.submit')}
        </button>
      </form>
      <p id={ids.note} className="sign-in__note">{t('signIn.demoNote')}</p>
    </section>
  );
}
