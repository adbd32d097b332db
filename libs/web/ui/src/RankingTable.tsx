import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent, formatValue, type DisplayPrefs } from '@amanah/web-format';
import type { MetricInfo, RankingEntry, RankingOrder } from './types.js';

export interface RankingTableProps {
  metric: MetricInfo;
  items: readonly RankingEntry[];
  prefs: DisplayPrefs;
  caption: string;
  /** An amanah to emphasise (the amanah page's own row). */
  highlight?: string;
  /** When given, each amanah's name is a button that narrows the view to it (a drill-down). */
  onSelect?: (amanah: string) => void;
  /**
   * What `items` are ordered by (default VALUE). By ATTAINMENT: the rank and an attainment column are by target, and
   * the rank-change column (places moved by value) is left out.
   */
  by?: RankingOrder;
  /** When given, a switch between the two orders above the table. */
  onByChange?: (by: RankingOrder) => void;
}

/**
 * Amanahs best first, with the places each gained or lost since the comparison period; for metrics that grow with the
 * population, beside the raw totals, the value per 100,000 residents and the rank by it.
 */
export function RankingTable({ metric, items, prefs, caption, highlight, onSelect, by = 'VALUE', onByChange }: RankingTableProps) {
  const { t } = useTranslation('ui');
  const table = <RankingRows metric={metric} items={items} prefs={prefs} caption={caption} highlight={highlight} onSelect={onSelect} by={by} />;
  if (!onByChange) return table;
  return (
    <>
      <div className="ranking-order" role="group" aria-label={t('rankBy')} data-export-hidden="true">
        {(['VALUE', 'ATTAINMENT'] as const).map((order) => (
          <button key={order} type="button" className="button button--small" aria-pressed={by === order} data-order={order} onClick={() => onByChange(order)}>
            {t(order === 'VALUE' ? 'rankByValue' : 'rankByAttainment')}
          </button>
        ))}
      </div>
      {table}
    </>
  );
}

function RankingRows({ metric, items, prefs, caption, highlight, onSelect, by }: Omit<RankingTableProps, 'onByChange'> & { by: RankingOrder }) {
  const { t } = useTranslation('ui');
  const byAttainment = by === 'ATTAINMENT';
  const untargeted = byAttainment && items.some((i) => i.attainmentRank == null);
  const max = Math.max(...items.map((i) => Math.abs(i.value ?? 0)), 1);
  const perCapita = items.some((i) => i.perCapita != null);
  const unverified = perCapita && items.some((i) => i.perCapita != null && i.populationVerified === false);
  return (
    <table className="data-table ranking-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rank')}</th>
          <th scope="col">{t('amanah')}</th>
          <th scope="col">{metric.label[prefs.lang]}</th>
          {byAttainment && <th scope="col">{t('attainment')}</th>}
          {!byAttainment && <th scope="col">{t('rankChange')}</th>}
          {perCapita && <th scope="col">{t('perCapita')}</th>}
          {perCapita && <th scope="col">{t('perCapitaRank')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const change = item.rankChange ?? null;
          return (
            <tr key={item.amanah} className={item.amanah === highlight ? 'is-highlighted' : undefined} aria-current={item.amanah === highlight ? 'true' : undefined}
              data-amanah={item.amanah}>
              <td className="num">{byAttainment ? (item.attainmentRank == null ? '—' : formatNumber(item.attainmentRank, prefs)) : formatNumber(item.rank, prefs)}</td>
              <th scope="row">
                {onSelect ? (
                  <button type="button" className="ranking-table__select" onClick={() => onSelect(item.amanah)} data-amanah={item.amanah}>
                    {item.label[prefs.lang]}
                  </button>
                ) : item.label[prefs.lang]}
              </th>
              <td className="num ranking-table__value">
                <span className="ranking-table__bar" style={{ inlineSize: `${(Math.abs(item.value ?? 0) / max) * 100}%` }} aria-hidden="true" />
                <bdi>{formatValue(item.value, metric, prefs)}</bdi>
              </td>
              {byAttainment && (
                <td className="num" data-testid="attainment">
                  {item.target == null ? (
                    <span className="ranking-table__no-target">{t('noTarget')}</span>
                  ) : item.target.attainmentPct == null ? (
                    <span className="ranking-table__no-attainment" title={t('noAttainment')} aria-label={t('noAttainment')}>—</span>
                  ) : formatPercent(item.target.attainmentPct, prefs, 1)}
                </td>
              )}
              {!byAttainment && <td className={`num rank-change rank-change--${change === null ? 'none' : change > 0 ? 'up' : change < 0 ? 'down' : 'same'}`}>
                {change === null ? (
                  item.previousRank === null && items.some((i) => i.previousRank != null) ? t('newEntry') : '—'
                ) : change === 0 ? (
                  <span aria-label={t('unchanged')}>=</span>
                ) : (
                  <span aria-label={change > 0 ? t('movedUp', { count: change }) : t('movedDown', { count: -change })}>
                    <span aria-hidden="true">{change > 0 ? '▲' : '▼'} </span>
                    {formatNumber(Math.abs(change), prefs)}
                  </span>
                )}
              </td>}
              {perCapita && (
                <td className="num" data-testid="per-capita">
                  {formatNumber(item.perCapita, prefs, 2)}
                  {item.perCapita != null && item.populationVerified === false && <sup title={t('populationUnverified')} data-testid="population-unverified">*</sup>}
                </td>
              )}
              {perCapita && <td className="num" data-testid="per-capita-rank">{item.perCapitaRank == null ? '—' : formatNumber(item.perCapitaRank, prefs)}</td>}
            </tr>
          );
        })}
      </tbody>
      {(unverified || untargeted) && (
        <tfoot>
          {untargeted && (
            <tr>
              <td colSpan={7} className="ranking-table__note">{t('noTargetNote')}</td>
            </tr>
          )}
          {unverified && (
            <tr>
              <td colSpan={7} className="ranking-table__note">* {t('populationUnverified')}</td>
            </tr>
          )}
        </tfoot>
      )}
    </table>
  );
}
