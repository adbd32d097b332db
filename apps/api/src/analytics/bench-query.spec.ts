import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, print, type DocumentNode } from 'graphql';
import { WEB_DASHBOARD_QUERY } from '../../bench/web-dashboard-query.js';

/**
 * The benches measure the dashboard request the web app sends; they hold a copy of it (an app cannot import the
 * web's code): the copy must stay the web's request, field for field.
 */
const webOperations = fs.readFileSync(new URL('../../../web/src/dashboard/operations.ts', import.meta.url), 'utf8');

/** A definition of a GraphQL document, printed in one canonical layout. */
function definition(document: DocumentNode, name: string): string {
  const found = document.definitions.find((node) => 'name' in node && node.name?.value === name);
  if (!found) throw new Error(`no ${name} in the document`);
  return print(found);
}

describe('the benches’ dashboard request', () => {
  it('is the web app’s DashboardView with its WidgetData fragment', () => {
    const bench = parse(WEB_DASHBOARD_QUERY);
    const texts = [...webOperations.matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((match) => match[1]!);
    const fragment = parse(texts.find((text) => /fragment WidgetData on Widget/.test(text))!);
    const view = parse(texts.find((text) => /query DashboardView\(/.test(text))!);
    expect(definition(bench, 'WidgetData')).toBe(definition(fragment, 'WidgetData'));
    expect(definition(bench, 'DashboardView')).toBe(definition(view, 'DashboardView'));
  });
});
