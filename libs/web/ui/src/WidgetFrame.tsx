import { useState, type ReactNode } from 'react';
import type { DisplayPrefs } from '@amanah/web-format';
import { MetricDefinitionList, type MetricMeaningData } from './MetricMeaning.js';
import { useTranslation } from 'react-i18next';

export type WidgetState = 'loading' | 'error' | 'empty' | 'ready';

export interface WidgetFrameProps {
  id: string;
  title: string;
  subtitle?: string;
  state: WidgetState;
  onRetry?: () => void;
  /** Buttons (exports, table toggle) shown in the header once data is there. */
  actions?: ReactNode;
  span?: number;
  kind: string;
  /** The metric's meaning, behind an ⓘ beside the title (with the display preferences it is written in). */
  meaning?: { data: MetricMeaningData; prefs: DisplayPrefs };
  children?: ReactNode;
}

/** The card every widget sits in: a labelled region with its title, actions and the loading/empty/error states. */
export function WidgetFrame({ id, title, subtitle, state, onRetry, actions, span = 3, kind, meaning, children }: WidgetFrameProps) {
  const { t } = useTranslation('ui');
  const headingId = `${id}-title`;
  const meaningId = `${id}-meaning`;
  const [meaningOpen, setMeaningOpen] = useState(false);
  return (
    <section
      className={`widget widget--${kind}`}
      style={{ ['--span' as string]: span }}
      aria-labelledby={headingId}
      aria-busy={state === 'loading'}
      data-widget={id}
      data-state={state}
    >
      <header className="widget__header">
        <div className="widget__heading">
          <div className="widget__title-row">
            <h2 id={headingId} className="widget__title">{title}</h2>
            {meaning && (
              <button
                type="button"
                className="metric-meaning__button"
                aria-expanded={meaningOpen}
                aria-controls={meaningId}
                aria-label={t('meaningOpen', { title })}
                title={t('meaningOpen', { title })}
                data-testid="meaning-button"
                data-export-hidden="true"
                onClick={() => setMeaningOpen(!meaningOpen)}
              >
                ⓘ
              </button>
            )}
          </div>
          {subtitle && <p className="widget__subtitle">{subtitle}</p>}
        </div>
        {state === 'ready' && actions && <div className="widget__actions">{actions}</div>}
      </header>
      {meaning && meaningOpen && (
        <div id={meaningId} className="metric-meaning" role="region" aria-label={t('meaningOpen', { title })}>
          <MetricDefinitionList meaning={meaning.data} prefs={meaning.prefs} />
        </div>
      )}
      <div className="widget__body">
        {state === 'loading' && <Skeleton kind={kind} label={t('loading')} />}
        {state === 'error' && <ErrorState onRetry={onRetry} />}
        {state === 'empty' && <EmptyState />}
        {state === 'ready' && children}
      </div>
    </section>
  );
}

export function Skeleton({ kind, label }: { kind: string; label: string }) {
  return (
    <div className={`skeleton skeleton--${kind}`} role="status">
      <span className="visually-hidden">{label}</span>
      <div className="skeleton__block" />
      {kind !== 'kpi' && <div className="skeleton__block skeleton__block--tall" />}
    </div>
  );
}

export function EmptyState() {
  const { t } = useTranslation('ui');
  return (
    <div className="state state--empty">
      <p className="state__title">{t('noData')}</p>
      <p className="state__hint">{t('noDataHint')}</p>
    </div>
  );
}

export function ErrorState({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation('ui');
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{t('error')}</p>
      {onRetry && <button type="button" className="button" onClick={onRetry}>{t('retry')}</button>}
    </div>
  );
}
