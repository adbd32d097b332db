import { useQuery } from '@tanstack/react-query';
import { execute } from '../api/client.js';
import { MetricDefinitionsQuery } from './operations.js';

/** The catalogue's definitions, asked once per session: they change only with a new release of the API. */
export function useMetricDefinitions() {
  return useQuery({
    queryKey: ['metricDefinitions'],
    queryFn: ({ signal }) => execute(MetricDefinitionsQuery, {}, signal),
    staleTime: Infinity,
    select: (answer) => answer.metrics,
  });
}
