import { describe, expect, it } from 'vitest';
import type { WarehouseReader } from '../../src/ports.ts';
import { dashboardHtml } from '../../src/report/write-dashboard.ts';

describe('the dashboard page', () => {
  it('lays its panels out in the watchlist’s order, other tickers with rows after from A to Z', async () => {
    const warehouse = {
      tickersWithRows: async () => ['AAPL', 'AMZN', 'BA', 'MSFT'],
      rows: async () => [],
      topPosts: async () => [],
      ledger: async () => [],
      savedLeadLag: async () => new Map(),
    } as unknown as WarehouseReader;
    const html = await dashboardHtml(warehouse, {
      hours: [new Date('2024-12-06T14:00Z')],
      watchlist: ['MSFT', 'AMZN', 'AAPL'],
      now: new Date('2024-12-06T16:00Z'),
    });
    expect([...html.matchAll(/<section class="panel" data-ticker="([A-Z]+)"/g)].map((m) => m[1])).toEqual([
      'MSFT',
      'AMZN',
      'AAPL',
      'BA',
    ]);
  });
});
