import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { RankingTable, type RankingOrder, type RankingTableProps } from '@amanah/web-ui';
import { execute } from '../api/client.js';
import { useParamSetter } from '../filters/use-view.js';
import type { viewVariables } from '../filters/view-state.js';
import { RankingByAttainmentQuery } from './operations.js';

/** Which dashboard view a ranking widget belongs to: what its ranking by attainment is asked with. */
export interface RankingSource {
  dashboard: string;
  widget: string;
  variables: ReturnType<typeof viewVariables>;
}

/** The URL parameter of a ranking widget's order: `rank.<widget>=attainment`; absent, the order by value. */
const rankParam = (widget: string) => `rank.${widget}`;

/**
 * A ranking widget with the switch between its value order (the dashboard's answer, `items`) and the order by
 * attainment of each amanah's own target, asked for when chosen (the dashboard's request stays as it was). The order
 * is kept in the URL, so a shared link or a reload shows the same table.
 */
export function RankingByAttainment({ source, items, ...table }: Omit<RankingTableProps, 'by' | 'onByChange'> & { source: RankingSource }) {
  const { t } = useTranslation('ui');
  const [params] = useSearchParams();
  const setParams = useParamSetter();
  const by: RankingOrder = params.get(rankParam(source.widget)) === 'attainment' ? 'ATTAINMENT' : 'VALUE';
  const setBy = useCallback(
    (order: RankingOrder) => setParams({ [rankParam(source.widget)]: order === 'ATTAINMENT' ? 'attainment' : null }),
    [setParams, source.widget],
  );
  const { range, filters, compare } = source.variables;
  const variables = { id: source.dashboard, range, filters, compare };
  const ranked = useQuery({
    queryKey: ['ranking-by-attainment', variables],
    queryFn: ({ signal }) => execute(RankingByAttainmentQuery, variables, signal),
    enabled: by === 'ATTAINMENT',
  });
  const attained = ranked.data?.dashboard?.widgets.find((w) => w.id === source.widget)?.ranking?.items;
  if (by === 'ATTAINMENT' && !attained) {
    return (
      <>
        <RankingTable {...table} items={items} by="VALUE" onByChange={setBy} />
        <p role={ranked.isError ? 'alert' : 'status'}>{t(ranked.isError ? 'error' : 'loading')}</p>
      </>
    );
  }
  return <RankingTable {...table} items={by === 'ATTAINMENT' ? attained! : items} by={by} onByChange={setBy} />;
}
