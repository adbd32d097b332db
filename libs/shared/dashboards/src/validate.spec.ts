import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WIDGET_TYPES, widgetSchema } from './definition.js';
import { parseDashboard, parseTargets } from './validate.js';

const dashboardsDir = fileURLToPath(new URL('../../../../dashboards/', import.meta.url));
const valid = {
  id: 'demo', title: { ar: 'ع', en: 'e' }, description: { ar: 'ع', en: 'e' }, audience: 'it', defaults: {},
  widgets: [{ id: 'a', type: 'kpi', metric: 'portal.visits' }],
};
const withWidget = (widget: object) => JSON.stringify({ ...valid, widgets: [widget] });

describe('dashboard files', () => {
  it('every committed dashboard and the targets file are valid', () => {
    const files = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json') && f !== 'targets.json');
    expect(files.sort()).toEqual(['channels.json', 'executive.json', 'press.json']);
    for (const file of files) expect(parseDashboard(readFileSync(dashboardsDir + file, 'utf8'), file).id).toBe(file.replace('.json', ''));
    expect(parseTargets(readFileSync(dashboardsDir + 'targets.json', 'utf8'), 'targets.json').length).toBeGreaterThan(0);
  });

  it('names the file, the widget and the unknown metric', () => {
    expect(() => parseDashboard(withWidget({ id: 'w1', type: 'kpi', metric: 'portal.vists' }), 'demo.json')).toThrow(
      'demo.json: widget "w1": unknown metric "portal.vists"',
    );
  });

  it('names a dimension the metric does not allow', () => {
    expect(() => parseDashboard(withWidget({ id: 'w2', type: 'bar', metric: 'office.visits', dimension: 'platform' }), 'demo.json')).toThrow(
      'demo.json: widget "w2": dimension "platform" is not a dimension of office.visits',
    );
    expect(() =>
      parseDashboard(withWidget({ id: 'w3', type: 'kpi', metric: 'notifications.sent', filters: [{ dimension: 'notification_kind', values: ['fax'] }] }), 'demo.json'),
    ).toThrow('unknown notification_kind "fax"');
  });

  it('rejects malformed files with the path of the problem', () => {
    expect(() => parseDashboard('{', 'demo.json')).toThrow(/demo.json: not valid JSON/);
    expect(() => parseDashboard(withWidget({ id: 'w4', type: 'pie', metric: 'portal.visits' }), 'demo.json')).toThrow(/demo.json: widgets.0.type/);
    expect(() => parseDashboard(JSON.stringify(valid), 'other.json')).toThrow(/must match the file name/);
    expect(() => parseTargets('{"targets":[{"metric":"x.y","from":"2024-01-01","to":"2024-12-31","value":1}]}', 't.json')).toThrow(
      't.json: targets[0]: unknown metric "x.y"',
    );
  });
});

it('WIDGET_TYPES (the GraphQL enum WidgetType) lists exactly the widget kinds of the schema', () => {
  const kinds = widgetSchema.options.map((branch) => branch.shape.type.value);
  expect([...kinds].sort()).toEqual([...WIDGET_TYPES].sort());
});
