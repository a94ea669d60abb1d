import { describe, expect, it } from 'vitest';
import { planVolumes } from '../../src/backfill/volume-plan.ts';
import type { TickerHour } from '../../src/run/outcome.ts';

const HOUR_MS = 3_600_000;
const now = new Date('2026-11-29T12:05Z');
const amazon = { ticker: 'AMZN', query: '#Amazon' };
const apple = { ticker: 'AAPL', query: '#Apple' };
const items = (entry: typeof amazon, first: string, count: number): TickerHour[] =>
  Array.from({ length: count }, (_, i) => ({
    entry,
    hourStart: new Date(Date.parse(first) + i * HOUR_MS),
    from: 'staged-or-sources',
  }));
const plan = (all: TickerHour[], stagedCounts = new Map<string, Set<string>>()) =>
  planVolumes({ items: all, stagedCounts, now, reachBackMs: 7 * 24 * HOUR_MS });

describe('planVolumes', () => {
  it('asks X once per ticker for 8 days of hours, and names the day beyond its 7 as uncounted', () => {
    const all = [...items(amazon, '2026-11-21T12:00Z', 8 * 24), ...items(apple, '2026-11-21T12:00Z', 8 * 24)];
    const p = plan(all);
    expect([...p.tickers]).toEqual(['AMZN', 'AAPL']);
    // 2026-11-21T12:00 … 2026-11-22T12:00 (25 hours) are more than 7 days before 12:05 on the 29th, less a margin.
    expect(p.beyondReach).toBe(2 * 25);
  });

  it('takes an hour as counted when a body is staged under an hour of the week from it on', () => {
    const hours = items(amazon, '2026-11-28T10:00Z', 3);
    expect(plan(hours, new Map([['AMZN', new Set(['2026-11-28T12'])]])).tickers.size).toBe(0);
    expect(plan(hours, new Map([['AMZN', new Set(['2026-11-28T11'])]])).tickers.size).toBe(1);
    expect(plan(hours, new Map([['AMZN', new Set(['2026-12-05T10'])]])).tickers.size).toBe(1);
    expect(plan(hours, new Map([['AMZN', new Set(['2026-12-05T09'])]])).tickers.size).toBe(0);
    // Staged counts say nothing of another ticker.
    expect(
      plan(
        [...hours, ...items(apple, '2026-11-28T10:00Z', 1)],
        new Map([['AMZN', new Set(['2026-11-28T12'])]]),
      ).tickers,
    ).toEqual(new Set(['AAPL']));
  });

  it('plans no request for an hour that is not over yet, nor any beyond reach for a source that counts any hour', () => {
    expect(plan(items(amazon, '2026-11-29T12:00Z', 1)).tickers.size).toBe(0);
    const sample = planVolumes({
      items: items(amazon, '2020-01-01T00:00Z', 3),
      stagedCounts: new Map(),
      now,
      reachBackMs: null,
    });
    expect(sample).toEqual({ tickers: new Set(['AMZN']), beyondReach: 0 });
  });

  it('never asks X to count the benchmark, kept for its prices alone', () => {
    const spy = { ticker: 'SPY', query: 'SPY', pricesOnly: true as const };
    expect(plan(items(spy, '2026-11-28T10:00Z', 3)).tickers.size).toBe(0);
  });
});
