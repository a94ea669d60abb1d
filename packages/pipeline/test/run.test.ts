import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WarehouseRow } from '@stockpipe/shared';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BusyError } from '../src/errors.ts';
import type { Notifier, RunNotice, SentimentScorer, Warehouse } from '../src/ports.ts';
import { type RunDeps, runHour } from '../src/run.ts';
import { LocalSentimentScorer } from '../src/sentiment/local-scorer.ts';
import { SamplePostSource } from '../src/sources/sample-post-source.ts';
import { SamplePriceSource } from '../src/sources/sample-price-source.ts';
import { FileRawStore } from '../src/stores/file-raw-store.ts';
import { LocalDocumentStore } from '../src/stores/local-document-store.ts';

// The warehouse and notifier here record or refuse; the real PostgreSQL path is in pg-warehouse.test.ts and test/.
class RecordingWarehouse implements Warehouse {
  rows: WarehouseRow[] = [];
  locks: string[] = [];
  readonly failure: Error | undefined;
  constructor(failure?: Error) {
    this.failure = failure;
  }
  async upsert(rows: readonly WarehouseRow[]) {
    if (this.failure) throw this.failure;
    this.rows.push(...rows);
  }
  async lockHour(hourStart: Date) {
    if (this.failure) throw this.failure;
    this.locks.push(`lock ${hourStart.toISOString()}`);
    return async () => {
      this.locks.push(`release ${hourStart.toISOString()}`);
    };
  }
}
class RecordingNotifier implements Notifier {
  notices: RunNotice[] = [];
  readonly failure: Error | undefined;
  constructor(failure?: Error) {
    this.failure = failure;
  }
  async notify(notice: RunNotice) {
    if (this.failure) throw this.failure;
    this.notices.push(notice);
  }
}

const hourStart = new Date('2024-12-06T15:00Z'); // a Friday, market open
const watchlist = [
  { ticker: 'AMZN', query: '#Amazon' },
  { ticker: 'MSFT', query: '#Microsoft' },
  { ticker: 'TSLA', query: '#Tesla' },
];

async function deps(over: Partial<RunDeps> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'stockpipe-run-'));
  const warehouse = new RecordingWarehouse();
  const notifier = new RecordingNotifier();
  return {
    dir,
    warehouse,
    notifier,
    deps: {
      posts: new SamplePostSource(10),
      prices: new SamplePriceSource(),
      raw: new FileRawStore(join(dir, 'raw')),
      documents: new LocalDocumentStore(join(dir, 'documents')),
      scorer: LocalSentimentScorer.fromFile(),
      warehouse,
      notifier,
      logger: pino({ level: 'silent' }),
      concurrency: 2,
      ...over,
    } satisfies RunDeps,
  };
}

describe('runHour', () => {
  it('stops before any work when another run holds the hour', async () => {
    const warehouse = new RecordingWarehouse();
    warehouse.lockHour = () => Promise.reject(new BusyError('another stockpipe run is processing the hour'));
    const { deps: d, dir } = await deps({ warehouse });
    await expect(runHour(d, { runId: 'r0', hourStart, watchlist })).rejects.toThrow(BusyError);
    await expect(
      readFile(join(dir, 'raw/sample/x-recent-search/ticker=AMZN/hour=2024-12-06T15/response.json')),
    ).rejects.toThrow(/ENOENT/);
  });

  it('loads a row per ticker in watchlist order and notifies success once', async () => {
    const { deps: d, warehouse, notifier, dir } = await deps();
    const report = await runHour(d, { runId: 'r1', hourStart, watchlist });
    expect(report.status).toBe('succeeded');
    expect(warehouse.rows.map((r) => r.ticker)).toEqual(['AMZN', 'MSFT', 'TSLA']);
    expect(warehouse.rows.every((r) => r.runId === 'r1' && !r.marketClosed && r.close !== null)).toBe(true);
    expect(notifier.notices).toHaveLength(1);
    expect(notifier.notices[0]?.subject).toBe('stockpipe succeeded: 2024-12-06T15:00Z, 3/3 tickers loaded');
    expect(warehouse.locks).toEqual(['lock 2024-12-06T15:00:00.000Z', 'release 2024-12-06T15:00:00.000Z']);
    // The raw body is staged as the source sent it, and the row counts what it holds.
    const raw = JSON.parse(
      await readFile(
        join(dir, 'raw/sample/x-recent-search/ticker=AMZN/hour=2024-12-06T15/response.json'),
        'utf8',
      ),
    );
    expect(warehouse.rows[0]?.postCount).toBe(raw.meta.result_count);
  });

  it('goes on without a failing ticker, loads the others, and reports the failure', async () => {
    const prices = new SamplePriceSource();
    const {
      deps: d,
      warehouse,
      notifier,
    } = await deps({
      prices: {
        rawPrefix: prices.rawPrefix,
        fetchBars: (ticker, hour) =>
          ticker === 'MSFT' ? Promise.reject(new Error('connection reset')) : prices.fetchBars(ticker, hour),
      },
    });
    const report = await runHour(d, { runId: 'r2', hourStart, watchlist });
    expect(report.status).toBe('failed');
    expect(warehouse.rows.map((r) => r.ticker)).toEqual(['AMZN', 'TSLA']);
    expect(report.tickers.find((t) => t.ticker === 'MSFT')?.failure).toEqual({
      stage: 'extract',
      reason: 'connection reset',
    });
    expect(notifier.notices[0]?.message).toMatch(/MSFT\s+FAILED at extract: connection reset/);
  });

  it('fails a ticker whose raw response does not match, naming the field, with the raw body kept', async () => {
    const { deps: d, dir } = await deps({
      posts: {
        rawPrefix: 'x/recent-search',
        fetchPosts: async () => ({
          body: new TextEncoder().encode('{"data":[{"id":"1","text":"hi"}],"meta":{"result_count":1}}'),
          contentType: 'application/json',
        }),
      },
    });
    const report = await runHour(d, { runId: 'r3', hourStart, watchlist: watchlist.slice(0, 1) });
    expect(report.tickers[0]?.failure?.stage).toBe('transform');
    expect(report.tickers[0]?.failure?.reason).toMatch(
      /AMZN posts response did not match.*data\.0\.created_at/,
    );
    const kept = await readFile(
      join(dir, 'raw/x/recent-search/ticker=AMZN/hour=2024-12-06T15/response.json'),
      'utf8',
    );
    expect(kept).toBe('{"data":[{"id":"1","text":"hi"}],"meta":{"result_count":1}}');
  });

  it('fails every ticker at load when the warehouse refuses, after staging the raw data', async () => {
    const warehouse = new RecordingWarehouse(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const { deps: d, dir } = await deps({ warehouse });
    const report = await runHour(d, { runId: 'r4', hourStart, watchlist });
    expect(report.status).toBe('failed');
    expect(report.tickers.map((t) => t.failure?.stage)).toEqual(['load', 'load', 'load']);
    await expect(
      readFile(join(dir, 'raw/sample/yahoo-chart/ticker=TSLA/hour=2024-12-06T15/response.json')),
    ).resolves.toBeDefined();
  });

  it('fails the hour when the scorer fails, and loads nothing', async () => {
    const scorer: SentimentScorer = { score: () => Promise.reject(new Error('throttled')) };
    const { deps: d, warehouse } = await deps({ scorer });
    const report = await runHour(d, { runId: 'r5', hourStart, watchlist });
    expect(report.tickers.map((t) => t.failure?.stage)).toEqual(['score', 'score', 'score']);
    expect(warehouse.rows).toEqual([]);
  });

  it('keeps a loaded run loaded when the notifier is down', async () => {
    const notifier = new RecordingNotifier(new Error('SNS unavailable'));
    const { deps: d, warehouse } = await deps({ notifier });
    const report = await runHour(d, { runId: 'r6', hourStart, watchlist });
    expect(report).toMatchObject({ status: 'succeeded', notified: false });
    expect(warehouse.rows).toHaveLength(3);
  });
});
