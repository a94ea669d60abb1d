import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_EVENTS } from '@stockpipe/shared';
import { type FakeServer, startFakeXServer, xUsageAnswer } from '@stockpipe/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, Warehouse } from '../../src/ports.ts';
import { PostVolumes } from '../../src/run/post-volumes.ts';
import { runHour } from '../../src/run.ts';
import { LocalSentimentScorer } from '../../src/sentiment/local-scorer.ts';
import { SamplePriceSource } from '../../src/sources/sample-price-source.ts';
import { XPostSource } from '../../src/sources/x-post-source.ts';
import { XUsageReader } from '../../src/sources/x-usage-reader.ts';
import { XVolumeSource } from '../../src/sources/x-volume-source.ts';
import { XSpendGuard } from '../../src/spend/x-spend-guard.ts';
import { FileRawStore } from '../../src/stores/file-raw-store.ts';
import { LocalDocumentStore } from '../../src/stores/local-document-store.ts';

let x: FakeServer;
// The hour's end, five minutes on, as X's clock and the counts': within X's 7 days of counts.
const countsNow = new Date('2024-12-06T16:05Z');
beforeAll(async () => {
  x = await startFakeXServer({ bearerToken: 'test-token', now: () => countsNow });
});
afterAll(() => x.close());

const hourStart = new Date('2024-12-06T15:00Z');
const watchlist = [
  { ticker: 'AMZN', query: '#Amazon' },
  { ticker: 'MSFT', query: '#Microsoft' },
];

/**
 * A live run against the local X, its usage endpoint answering `usage`, with a $200 budget; in `dir` when given.
 * X counts the hour when `counted`; otherwise the counts' clock is today's and the hour is beyond their 7 days.
 */
async function liveRun(
  usage: Parameters<typeof xUsageAnswer>[0] | { status: number; body: string },
  { dir: given, counted = false }: { dir?: string; counted?: boolean } = {},
) {
  x.enqueue('status' in usage ? usage : xUsageAnswer(usage));
  const dir = given ?? (await mkdtemp(join(tmpdir(), 'stockpipe-budget-')));
  const raw = new FileRawStore(join(dir, 'raw'));
  const events: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => events.push(JSON.parse(line)) });
  const notices: Notice[] = [];
  const warehouse: Warehouse = {
    load: async (batch) => ({ rowsChanged: batch.rows.length, refused: [] }),
    lockHours: async (hours) => ({ hours: [...hours], release: async () => {} }),
    ledger: async () => [],
    firstRecorded: async () => new Map(),
  };
  const usageReader = new XUsageReader({ bearerToken: 'test-token', baseUrl: x.url });
  const before = x.requests.length;
  const report = await runHour(
    {
      posts: new XPostSource({
        bearerToken: 'test-token',
        baseUrl: x.url,
        maxResults: 10,
        deadline: () => Date.now() + 60_000,
      }),
      prices: new SamplePriceSource(),
      volumes: new PostVolumes(
        new XVolumeSource({ bearerToken: 'test-token', baseUrl: x.url, deadline: () => Date.now() + 60_000 }),
        raw,
        counted ? () => countsNow : undefined,
      ),
      raw,
      documents: new LocalDocumentStore(join(dir, 'documents')),
      scorer: LocalSentimentScorer.fromFile(),
      warehouse,
      notifier: { notify: async (notice) => void notices.push(notice) },
      logger,
      concurrency: 2,
      xSpend: new XSpendGuard(
        () => usageReader.read(),
        { budgetUsd: 200, costPerPostUsd: 0.005, costPerCountsRequestUsd: 0.005 },
        logger,
        () => new Date('2024-12-20T00:00Z'),
      ),
    },
    { runId: 'r1', hourStart, watchlist },
  );
  const paths = x.requests.slice(before).map((r) => r.url.pathname);
  const finished = events.find((e) => e.msg === LOG_EVENTS.runFinished);
  return { report, dir, paths, notice: notices[0], events, finished };
}

describe('a run at the X budget', () => {
  it('reads no posts, keeps the hour’s prices raw, fails each ticker-hour with the reason, and says so', async () => {
    const { report, dir, paths, notice, events, finished } = await liveRun({ projectUsage: 40_000 });
    expect(paths).toEqual(['/2/usage/tweets']);
    expect(report.status).toBe('failed');
    expect(report.tickers.map((t) => t.status === 'failed' && [t.ticker, t.stage, t.reason])).toEqual([
      ['AMZN', 'extract', 'X budget reached'],
      ['MSFT', 'extract', 'X budget reached'],
    ]);
    for (const ticker of ['AMZN', 'MSFT'])
      await access(join(dir, `raw/sample/yahoo-chart/ticker=${ticker}/hour=2024-12-06T15/response.json`));
    await expect(
      access(join(dir, 'raw/x/recent-search/ticker=AMZN/hour=2024-12-06T15/response.json')),
    ).rejects.toThrow(/ENOENT/);
    expect(notice?.message).toMatch(
      /X budget reached \(X_MONTHLY_BUDGET_USD\): 2 ticker-hours were not read/,
    );
    expect(notice?.message).toMatch(/AMZN\s+FAILED at extract: X budget reached/);
    expect(events.filter((e) => e.msg === LOG_EVENTS.stageFailed).map((e) => e.reason)).toEqual([
      'X budget reached',
      'X budget reached',
    ]);
    expect(finished).toMatchObject({ xPostsThisMonth: 40_000, loaded: 0, failed: 2 });
  });

  it('reads X as usual below the budget, and its metrics carry the month’s usage', async () => {
    const { report, paths, notice, finished } = await liveRun({ projectUsage: 39_000, capResetDay: 1 });
    expect(report.status).toBe('succeeded');
    expect(paths.filter((p) => p === '/2/tweets/search/recent')).toHaveLength(2);
    expect(paths.filter((p) => p === '/2/usage/tweets')).toHaveLength(1);
    expect(notice?.message).not.toMatch(/budget/);
    // $195 in 19 of December's 31 days.
    expect(finished).toMatchObject({ xPostsThisMonth: 39_000, xProjectedMonthUsd: 318.16, loaded: 2 });
  });

  it('counts each ticker’s hour with one request below the budget, and asks no count once it is spent', async () => {
    const below = await liveRun({ projectUsage: 39_000 }, { counted: true });
    expect(below.paths.filter((p) => p === '/2/tweets/counts/recent')).toHaveLength(2);
    expect(below.report.tickers.map((t) => t.status === 'loaded' && t.row.postVolume)).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);

    // The posts of the hour are staged, its counts are not: at the budget, a rerun reads the posts from the raw
    // store and asks X nothing, counts included.
    const uncounted = await liveRun({ projectUsage: 30_000 });
    const rerun = await liveRun({ projectUsage: 40_000 }, { dir: uncounted.dir, counted: true });
    expect(rerun.paths).toEqual(['/2/usage/tweets']);
    expect(rerun.report.status).toBe('succeeded');
    expect(rerun.report.tickers.map((t) => t.status === 'loaded' && t.row.postVolume)).toEqual([null, null]);
    expect(
      rerun.events.filter((e) => e.msg === 'volume not counted').map((e) => [e.ticker, e.reason]),
    ).toEqual([
      ['AMZN', 'X budget reached'],
      ['MSFT', 'X budget reached'],
    ]);
  });

  it('reads X as usual when the usage endpoint fails, without X figures in its metrics', async () => {
    const { report, paths, events, finished } = await liveRun({ status: 500, body: '{"title":"Internal"}' });
    expect(report.status).toBe('succeeded');
    expect(paths.filter((p) => p === '/2/tweets/search/recent')).toHaveLength(2);
    expect(events.some((e) => e.msg === 'x usage unavailable')).toBe(true);
    expect(finished).not.toHaveProperty('xPostsThisMonth');
  });
});
