import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { RankingTable, type RankingOrder, type RankingTableProps } from '@amanah/web-ui';
import { execute } from '../api/client.js';
import type { viewVariables } from '../filters/view-state.js';
import { RankingByAttainmentQuery } from './operations.js';

/** Which dashboard view a ranking widget belongs to: what its ranking by attainment is asked with. */
export interface RankingSource {
  dashboard: string;
  widget: string;
  variables: ReturnType<typeof viewVariables>;
}

/**
 * A ranking widget with the switch between its value order (the dashboard's answer, `items`) and the order by
 * attainment of each amanah's own target, asked for when chosen (the dashboard's request stays as it was).
 */
export function RankingByAttainment({ source, items, ...table }: Omit<RankingTableProps, 'by' | 'onByChange'> & { source: RankingSource }) {
  const { t } = useTranslation('ui');
  const [by, setBy] = useState<RankingOrder>('VALUE');
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
