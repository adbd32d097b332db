import { findMetric } from '@amanah/metrics';

const l = (ar: string, en: string) => ({ ar, en });

export const officeVisitsMetric = { id: 'office.visits', label: l('زيارات المراجعين', 'In-person visits'), unit: 'count', direction: 'down_is_good', decimals: 0 };
export const portalVisitsMetric = { id: 'portal.visits', label: l('زيارات البوابة', 'Portal visits'), unit: 'count', direction: 'up_is_good', decimals: 0 };

// A widget's metric as the dashboard list asks for it (DashboardList: id, label, dimensions), from the catalogue.
const listed = (metric: { id: string; label: { ar: string; en: string } }) => ({ ...metric, dimensions: [...findMetric(metric.id)!.dimensions] });

const empty = { chart: null, dimension: null, breakdownBy: null, title: null, kpi: null, series: null, breakdown: null, ranking: null, heatmap: null, provenance: null };

export const dashboardList = {
  dashboards: [
    {
      id: 'executive',
      title: l('لوحة القيادة التنفيذية', 'Executive dashboard'),
      description: l('مؤشرات الأداء الرئيسية', 'Key indicators'),
      defaults: { preset: 'last_year', compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' },
      widgets: [
        { id: 'office-visits', type: 'kpi', span: 3, dimension: null, breakdownBy: null, title: null, metric: listed(officeVisitsMetric) },
        { id: 'visits-by-channel', type: 'bar', span: 6, dimension: 'channel', breakdownBy: null, title: null, metric: listed(portalVisitsMetric) },
      ],
    },
  ],
};

/** The Tabuk figures of figures.md: H1 2024 1,733 in-person visits against 5,393 in H1 2023. */
export function executiveData() {
  return {
    dashboard: {
      id: 'executive',
      title: dashboardList.dashboards[0]!.title,
      description: dashboardList.dashboards[0]!.description,
      widgets: [
        {
          ...empty, id: 'office-visits', type: 'kpi', span: 3, metric: officeVisitsMetric,
          kpi: {
            value: 1733, previous: 5393, change: -3660, changePct: -67.86575190061191, asOf: '2024-06-30 15:10:00',
            range: { from: '2024-01-01', to: '2024-06-30' }, previousRange: { from: '2023-01-01', to: '2023-06-30' }, target: null,
            missingData: { cadence: 'MONTHLY', amanahs: [{ amanah: 'tabuk', count: 1, spans: [{ from: '2024-02-01', to: '2024-02-29' }] }] },
          },
          series: { granularity: 'MONTH', points: [{ date: '2024-01-01', value: 400 }, { date: '2024-02-01', value: 300 }], series: [], comparison: null, provenance: { asOf: '2024-06-30 15:10:00' } },
          provenance: { asOf: '2024-06-30 15:10:00', lastUploadAt: '2024-07-01T05:00:00.000Z' },
        },
        {
          ...empty, id: 'visits-by-channel', type: 'bar', span: 6, dimension: 'channel', metric: portalVisitsMetric,
          breakdown: [
            { key: 'web', label: l('الموقع الإلكتروني', 'Website'), value: 1200, share: 60, previous: 1000 },
            { key: 'mobile_app', label: l('تطبيق الجوال', 'Mobile app'), value: 800, share: 40, previous: 900 },
          ],
          // Older than the KPI's: the page's freshness is this widget's.
          provenance: { asOf: '2024-05-31', lastUploadAt: '2024-06-02T06:00:00.000Z' },
        },
      ],
    },
  };
}
