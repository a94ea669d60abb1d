import { describe, expect, it } from 'vitest';
import type { StoredRow } from '../../src/records.ts';
import { changePercent, formatHourTable } from '../../src/report/hour-table.ts';

const row = (over: Partial<StoredRow>): StoredRow => ({
  ticker: 'AMZN',
  hourStart: new Date('2024-12-06T15:00Z'),
  postCount: 5,
  scoredCount: 4,
  sentimentScore: 0.1234,
  sentimentLabel: 'NEUTRAL',
  majorityLabel: 'POSITIVE',
  sentimentWeight: 4,
  postVolume: null,
  positiveCount: 3,
  negativeCount: 1,
  neutralCount: 0,
  mixedCount: 0,
  marketClosed: false,
  open: 100,
  high: 102,
  low: 99,
  close: 101,
  volume: 1000,
  candleInterval: '30m',
  runId: 'r',
  source: 'sample',
  previousClose: 100,
  changePct: 1,
  lastClose: 101,
  lastCloseAt: new Date('2024-12-06T15:00Z'),
  ...over,
});

describe('formatHourTable', () => {
  it('shows hour, posts, sentiment, label, close and change; closed and silent hours as such', () => {
    const table = formatHourTable('AMZN', [
      row({}),
      row({
        hourStart: new Date('2024-12-06T22:00Z'),
        marketClosed: true,
        close: null,
        open: null,
        previousClose: null,
        changePct: null,
        postCount: 0,
        scoredCount: 0,
        sentimentScore: null,
        sentimentLabel: null,
        majorityLabel: null,
      }),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toBe('AMZN');
    expect(lines[1]).toMatch(/hour \(UTC\)\s+posts\s+scored\s+sentiment\s+label\s+close\s+change %/);
    expect(lines[3]).toMatch(/^2024-12-06 15:00\s+5\s+4\s+\+0\.123\s+neutral\s+101\.00\s+\+1\.00$/);
    expect(lines[4]).toMatch(/^2024-12-06 22:00\s+0\s+0\s+–\s+–\s+closed$/);
  });

  it('shows the change the warehouse computed to 2 decimals, never as -0.00, blank when there is none', () => {
    expect(changePercent({ changePct: -1 })).toBe('-1.00');
    expect(changePercent({ changePct: 0.6579 })).toBe('+0.66');
    expect(changePercent({ changePct: -0.0012 })).toBe('0.00');
    expect(changePercent({ changePct: null })).toBe('');
  });
});
