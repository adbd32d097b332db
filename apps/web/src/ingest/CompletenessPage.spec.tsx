import { cleanup, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { respondToGraphql } from '../testing/graphql-responder.js';
import { renderApp } from '../testing/render-app.js';

// The grid's column labels follow the reader's calendar and digits, through @amanah/web-format like every date.
const answer = (cadence: 'DAILY' | 'MONTHLY', periods: string[]) => ({
  completeness: {
    dataset: 'portal_visits', cadence, periods,
    cells: [{ amanah: 'tabuk', period: periods[0], rows: 5, newestEvent: `${periods[0]} 10:00:00` }],
    missing: [{ amanah: 'tabuk', periods: periods.slice(1) }],
    freshness: [{ amanah: 'tabuk', lastUploadAt: null, newestEvent: `${periods[0]} 10:00:00` }],
  },
});
const columnLabels = async () => {
  await screen.findByTestId('completeness-table');
  return [...document.querySelectorAll('[data-testid="completeness-table"] thead th.completeness__period')].map((th) => th.textContent);
};

describe('the completeness grid’s periods', () => {
  it('labels days by their day of month in the reader’s calendar: 6–7 July 2024 are 30 Dhu al-Hijjah 1445 and 1 Muharram 1446', async () => {
    respondToGraphql({ Completeness: () => answer('DAILY', ['2024-07-06', '2024-07-07']) });
    renderApp('/completeness?lang=en&from=2024-07-06&to=2024-07-07&calendar=hijri');
    expect(await columnLabels()).toEqual(['30', '1']);
  });

  it('labels days in Gregorian with Arabic-Indic digits by default', async () => {
    respondToGraphql({ Completeness: () => answer('DAILY', ['2024-07-06', '2024-07-07']) });
    renderApp('/completeness?from=2024-07-06&to=2024-07-07');
    expect(await columnLabels()).toEqual(['٦', '٧']);
  });

  it('labels a monthly dataset’s months, in Hijri by the day each starts on', async () => {
    respondToGraphql({ Completeness: () => answer('MONTHLY', ['2024-03-01', '2024-04-01']) });
    renderApp('/completeness?lang=en&from=2024-03-01&to=2024-04-30');
    expect(await columnLabels()).toEqual(['Mar 2024', 'Apr 2024']);
    cleanup();
    respondToGraphql({ Completeness: () => answer('MONTHLY', ['2024-03-01', '2024-04-01']) });
    renderApp('/completeness?lang=en&from=2024-03-01&to=2024-04-30&calendar=hijri');
    // 1 March 2024 is 20 Sha'ban 1445; 1 April, 22 Ramadan.
    expect((await columnLabels()).map((label) => label!.replace(/\s/g, ' '))).toEqual(['20 Sha. 45 AH', '22 Ram. 45 AH']);
  });
});
