import { describe, expect, it } from 'vitest';
import { composeNotice } from '../../src/notify/run-notice.ts';
import type { WarehouseRow } from '../../src/records.ts';
import type { RunReport, TickerOutcome } from '../../src/run-report.ts';

const hour = new Date('2024-12-06T15:00Z');
const loaded = (ticker: string, over: Partial<WarehouseRow>): TickerOutcome => ({
  ticker,
  hourStart: hour,
  status: 'loaded',
  row: { ticker, hourStart: hour, marketClosed: false, close: 228, ...over } as WarehouseRow,
});
const report = (tickers: TickerOutcome[]): RunReport => ({
  runId: 'r1',
  hourStart: hour,
  status: 'succeeded',
  tickers,
  healed: [],
  durationMs: 1234,
  logLocation: undefined,
  notified: false,
});

describe('the run notice', () => {
  it('says one post in the singular, none and many in the plural, with sentiment and price', () => {
    const { subject, message } = composeNotice(
      report([
        loaded('AMZN', { postCount: 1, sentimentScore: 0.25, sentimentLabel: 'POSITIVE' }),
        loaded('MSFT', { postCount: 0, sentimentScore: null, marketClosed: true, close: null }),
        loaded('TSLA', { postCount: 12, sentimentScore: -0.5, sentimentLabel: 'NEGATIVE', close: 351.5 }),
      ]),
    );
    expect(subject).toBe('stockpipe succeeded: 2024-12-06T15:00Z, 3/3 tickers loaded');
    expect(message.split('\n').slice(-3)).toEqual([
      'AMZN   1 post, sentiment +0.250 POSITIVE, close 228.00',
      'MSFT   0 posts, no scored posts, market closed',
      'TSLA   12 posts, sentiment -0.500 NEGATIVE, close 351.50',
    ]);
  });
});
