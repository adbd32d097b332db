import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@amanah/web-format';
import { useView } from '../filters/use-view.js';
import { useSession } from './session.js';
import { SignInError, type SignInFailure } from './session-api.js';

/**
 * Shown instead of any page while there is no session. The URL is left as it is, so after signing in the reader
 * lands on the very view the link asked for.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [view] = useView();
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ reason: SignInFailure; retryAfterSeconds?: number } | null>(null);
  const ids = { title: useId(), note: useId(), error: useId() };

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
