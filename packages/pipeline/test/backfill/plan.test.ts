import { ConfigError } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { estimatedXCost, planBackfill } from '../../src/backfill/plan.ts';
import type { LedgerRecord } from '../../src/records.ts';
import { hourChunks, hourCount, parseHourRange } from '../../src/time/hour-range.ts';

const at = (d: number, h: number) => new Date(Date.UTC(2026, 10, d, h));
const now = at(29, 12);
const watchlist = [
  { ticker: 'AMZN', query: '#Amazon' },
  { ticker: 'MSFT', query: '#Microsoft' },
];
const record = (ticker: string, hour: Date, over: Partial<LedgerRecord> = {}): LedgerRecord => ({
  ticker,
  hourStart: hour,
  state: 'loaded',
  stage: null,
  reason: null,
  attempts: 1,
  failures: 0,
  firstAttemptAt: hour,
  lastAttemptAt: hour,
  runId: 'r',
  marketClosed: false,
  rowGone: false,
  source: 'sample',
  ...over,
});
const plan = (over: Partial<Parameters<typeof planBackfill>[0]> = {}) =>
  planBackfill({
    hours: [at(28, 10), at(28, 11)],
    watchlist,
    ledger: [],
    stagedPosts: new Map(),
    force: false,
    retryFailed: false,
    now,
    reachBackMs: 7 * 24 * 3_600_000,
    ...over,
  });
const names = (p: ReturnType<typeof plan>) =>
  p.items.map((i) => `${i.entry.ticker}@${i.hourStart.getUTCHours()}`);

describe('planBackfill', () => {
  it('takes every ticker-hour not loaded yet; loaded ones stay as they are unless forced', () => {
    const ledger = [record('AMZN', at(28, 10))];
    expect(names(plan({ ledger }))).toEqual(['MSFT@10', 'AMZN@11', 'MSFT@11']);
    expect(plan({ ledger }).loaded).toBe(1);
    expect(names(plan({ ledger, force: true }))).toEqual(['AMZN@10', 'MSFT@10', 'AMZN@11', 'MSFT@11']);
  });

  it('takes a ticker-hour the ledger says loaded whose row is gone, and counts it', () => {
    const p = plan({ ledger: [record('AMZN', at(28, 10), { rowGone: true }), record('MSFT', at(28, 10))] });
    expect(names(p)).toEqual(['AMZN@10', 'AMZN@11', 'MSFT@11']);
    expect(p).toMatchObject({ loaded: 1, rowsGone: 1 });
  });

  it('counts the loaded ticker-hours whose row is sample data', () => {
    const p = plan({
      ledger: [
        record('AMZN', at(28, 10), { source: 'sample' }),
        record('MSFT', at(28, 10), { source: 'live' }),
      ],
    });
    expect(p).toMatchObject({ loaded: 2, sampleRows: 1 });
  });

  it('leaves a ticker-hour that gave up alone, unless asked to retry failures', () => {
    const ledger = [
      record('MSFT', at(28, 11), { state: 'failed', stage: 'extract', reason: '503', failures: 3 }),
    ];
    expect(plan({ ledger }).gaveUp).toBe(1);
    expect(names(plan({ ledger }))).not.toContain('MSFT@11');
    expect(names(plan({ ledger, retryFailed: true }))).toContain('MSFT@11');
  });

  it('counts X requests only for posts not staged: what is kept is read, never paid for twice', () => {
    const p = plan({ stagedPosts: new Map([['AMZN', new Set(['2026-11-28T10', '2026-11-28T11'])]]) });
    expect([p.fromRaw, p.xRequests]).toEqual([2, 2]);
    expect(p.items.every((i) => i.from === 'staged-or-sources')).toBe(true);
    const prices = { maxResults: 10, costPerPostUsd: 0.005, costPerCountsRequestUsd: 0.005 };
    expect(estimatedXCost({ searches: p.xRequests, counts: 0 }, prices)).toBeCloseTo(0.1);
    expect(estimatedXCost({ searches: p.xRequests, counts: 2 }, prices)).toBeCloseTo(0.11);
  });

  it('refuses hours beyond the source’s reach that it would have to search, and takes staged ones', () => {
    const old = [at(20, 10), at(22, 11)];
    const p = plan({ hours: old, stagedPosts: new Map([['AMZN', new Set(['2026-11-20T10'])]]) });
    expect(names(p)).toEqual(['AMZN@10']);
    expect(p.beyondReach.map((i) => `${i.entry.ticker}@${i.hourStart.getUTCDate()}`)).toEqual([
      'MSFT@20',
      'AMZN@22',
      'MSFT@22',
    ]);
    expect(plan({ hours: old, reachBackMs: null }).items).toHaveLength(4);
  });
});

describe('the hour range of --from and --to', () => {
  it('holds both ends, in whole UTC hours, in chunks', () => {
    const range = parseHourRange('2026-11-28T10:00Z', '2026-11-28T14:00Z', now);
    expect(hourCount(range)).toBe(5);
    expect([...hourChunks(range, 2)].map((c) => c.map((h) => h.getUTCHours()))).toEqual([
      [10, 11],
      [12, 13],
      [14],
    ]);
  });

  it('refuses --from after --to, a time that is not on the hour, and hours that have not ended', () => {
    expect(() => parseHourRange('2026-11-28T14:00Z', '2026-11-28T10:00Z', now)).toThrow(
      '--from: 2026-11-28T14:00Z is after --to 2026-11-28T10:00Z; expected --from at or before --to',
    );
    expect(() => parseHourRange('2026-11-28T10:30Z', '2026-11-28T12:00Z', now)).toThrow(
      /--from: expected a whole UTC hour/,
    );
    expect(() => parseHourRange('2026-11-28T10:00Z', '2026-11-29T12:00Z', now)).toThrow(
      /--to: .* has not ended yet/,
    );
    expect(() => parseHourRange('x', 'y', now)).toThrow(ConfigError);
  });
});
