import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BusyError } from '../src/errors.ts';
import type { DocumentStore, SentimentScorer } from '../src/ports.ts';
import type { LedgerEntry, LedgerRecord } from '../src/records.ts';
import { extract } from '../src/run/extract.ts';
import { load } from '../src/run/load.ts';
import type { TickerHour } from '../src/run/outcome.ts';
import { PostVolumes } from '../src/run/post-volumes.ts';
import { runBudget } from '../src/run/run-budget.ts';
import { score } from '../src/run/score.ts';
import { store } from '../src/run/store.ts';
import { type RunDeps, runHour } from '../src/run.ts';
import { LocalSentimentScorer } from '../src/sentiment/local-scorer.ts';
import { SamplePostSource } from '../src/sources/sample-post-source.ts';
import { SamplePriceSource } from '../src/sources/sample-price-source.ts';
import { SampleVolumeSource, sampleVolume } from '../src/sources/sample-volume-source.ts';
import { FileRawStore } from '../src/stores/file-raw-store.ts';
import { LocalDocumentStore } from '../src/stores/local-document-store.ts';
import { recordingLogger } from './support/recording-logger.ts';
import { RecordingNotifier } from './support/recording-notifier.ts';
import { RecordingWarehouse } from './support/recording-warehouse.ts';

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
  const raw = new FileRawStore(join(dir, 'raw'));
  return {
    dir,
    warehouse,
    notifier,
    deps: {
      posts: new SamplePostSource(10),
      prices: new SamplePriceSource(),
      volumes: new PostVolumes(new SampleVolumeSource(), raw),
      raw,
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
    warehouse.lockHours = () => Promise.reject(new BusyError('another stockpipe run is processing the hour'));
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
    // Its post volume is the sample counts', kept raw too: under the newest hour one request counted (a week on).
    expect(warehouse.rows.map((r) => r.postVolume)).toEqual(
      watchlist.map((w) => sampleVolume(w.ticker, hourStart.getTime())),
    );
    const counts = JSON.parse(
      await readFile(
        join(dir, 'raw/sample/x-recent-counts/ticker=AMZN/hour=2024-12-13T14/response.json'),
        'utf8',
      ),
    );
    expect(counts.data).toHaveLength(168);
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
    expect(report.tickers.find((t) => t.ticker === 'MSFT')).toMatchObject({
      status: 'failed',
      stage: 'extract',
      reason: 'connection reset',
    });
    expect(notifier.notices[0]?.message).toMatch(/MSFT\s+FAILED at extract: connection reset/);
  });

  it('#20.3 fails a ticker whose raw response does not match, naming the field, with the body set aside', async () => {
    const { deps: d, dir } = await deps({
      posts: {
        rawPrefix: 'x/recent-search',
        origin: 'sample' as const,
        reach: { backMs: null, billed: false },
        fetchPosts: async () => ({
          body: new TextEncoder().encode('{"data":[{"id":"1","text":"hi"}],"meta":{"result_count":1}}'),
          contentType: 'application/json',
        }),
      },
    });
    const report = await runHour(d, { runId: 'r3', hourStart, watchlist: watchlist.slice(0, 1) });
    expect(report.tickers[0]).toMatchObject({ status: 'failed', stage: 'transform' });
    expect(report.tickers[0]?.status === 'failed' && report.tickers[0].reason).toMatch(
      /AMZN posts response did not match.*data\.0\.created_at/,
    );
    // Not where a good body would be (the next attempt asks again), but beside it, with the reason.
    const folder = join(dir, 'raw/x/recent-search/ticker=AMZN/hour=2024-12-06T15');
    await expect(readFile(join(folder, 'response.json'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(folder, 'rejected.json'), 'utf8')).toBe(
      '{"data":[{"id":"1","text":"hi"}],"meta":{"result_count":1}}',
    );
    expect(await readFile(join(folder, 'rejected.reason.txt'), 'utf8')).toMatch(/data\.0\.created_at/);
    // The chart read: it is staged, so the next attempt pays only for the posts.
    await readFile(join(dir, 'raw/sample/yahoo-chart/ticker=AMZN/hour=2024-12-06T15/response.json'));
  });

  it('#20.3 sets aside a bad body staged before, so that the next attempt fetches again instead of failing on it', async () => {
    const sample = new SamplePostSource(10);
    let asked = 0;
    const posts = {
      rawPrefix: sample.rawPrefix,
      origin: 'sample' as const,
      reach: sample.reach,
      fetchPosts: (entry: { ticker: string; query: string }, hour: Date) => {
        asked += 1;
        return sample.fetchPosts(entry, hour);
      },
    };
    const { deps: d, dir } = await deps({ posts });
    const folder = join(dir, 'raw/sample/x-recent-search/ticker=AMZN/hour=2024-12-06T15');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'response.json'), '{"data":[{"id":"1","te'); // cut, as an older version kept it
    const first = await runHour(d, { runId: 'r3b', hourStart, watchlist: watchlist.slice(0, 1) });
    expect(first.tickers[0]).toMatchObject({ status: 'failed', stage: 'transform' });
    expect(asked).toBe(0);
    expect(await readFile(join(folder, 'rejected.reason.txt'), 'utf8')).toMatch(/not JSON/);
    const again = await runHour(d, { runId: 'r3c', hourStart, watchlist: watchlist.slice(0, 1) });
    expect(again.tickers[0]).toMatchObject({ status: 'loaded' });
    expect(asked).toBe(1);
  });

  it('#20.2 ends the sources at the run budget: the ticker still waiting fails with it, uncounted; the others load', async () => {
    const sample = new SamplePostSource(10);
    const posts = {
      rawPrefix: sample.rawPrefix,
      origin: 'sample' as const,
      reach: sample.reach,
      fetchPosts: (entry: { ticker: string; query: string }, hour: Date, signal?: AbortSignal) =>
        entry.ticker === 'MSFT'
          ? new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)))
          : sample.fetchPosts(entry, hour),
    };
    const { deps: d, warehouse } = await deps({ posts });
    const budget = runBudget(Date.now() + 6_000, 6); // a fifth, at least 5 s, kept for after extract: 1 s to fetch
    const report = await runHour(d, { runId: 'r3d', hourStart, watchlist, budget });
    expect(report.tickers.map((t) => (t.status === 'failed' ? `${t.stage}: ${t.reason}` : t.status))).toEqual(
      [
        'loaded',
        'extract: run budget of 6 s spent before the sources answered (STOCKPIPE_RUN_BUDGET_SECONDS)',
        'loaded',
      ],
    );
    expect(warehouse.entries.find((e) => e.ticker === 'MSFT')?.failure?.counts).toBe(false);
  });

  it('fails every ticker at load when the warehouse refuses, after staging the raw data', async () => {
    const warehouse = new RecordingWarehouse(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const { deps: d, dir } = await deps({ warehouse });
    const report = await runHour(d, { runId: 'r4', hourStart, watchlist });
    expect(report.status).toBe('failed');
    expect(report.tickers.map((t) => t.status === 'failed' && t.stage)).toEqual(['load', 'load', 'load']);
    // Kept byte for byte as the source sent it, so the next run can load it without fetching again.
    const sent = await new SamplePriceSource().fetchBars('TSLA', hourStart);
    const kept = await readFile(
      join(dir, 'raw/sample/yahoo-chart/ticker=TSLA/hour=2024-12-06T15/response.json'),
    );
    expect(new Uint8Array(kept)).toEqual(sent.body);
  });

  it('fails the hour when the scorer fails, and loads nothing', async () => {
    const scorer: SentimentScorer = { score: () => Promise.reject(new Error('throttled')) };
    const { deps: d, warehouse } = await deps({ scorer });
    const report = await runHour(d, { runId: 'r5', hourStart, watchlist });
    expect(report.tickers.map((t) => t.status === 'failed' && t.stage)).toEqual(['score', 'score', 'score']);
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

describe('runHour, failures logged and reported', () => {
  it('when documents fail to store for one ticker: logs why, reports it, and loads the others', async () => {
    const local = new LocalDocumentStore(await mkdtemp(join(tmpdir(), 'stockpipe-docs-')));
    const documents: DocumentStore = {
      async putAll(all) {
        const failures = await local.putAll(all.filter((d) => d.ticker !== 'MSFT'));
        for (const d of all)
          if (d.ticker === 'MSFT') failures.set(d, new Error('ProvisionedThroughputExceeded'));
        return failures;
      },
    };
    const { logger, events } = recordingLogger();
    const { deps: d, warehouse, notifier } = await deps({ documents, logger });
    const report = await runHour(d, { runId: 'r7', hourStart, watchlist });
    expect(report.status).toBe('failed');
    expect(warehouse.rows.map((r) => r.ticker)).toEqual(['AMZN', 'TSLA']);
    expect(report.tickers.map((t) => t.status)).toEqual(['loaded', 'failed', 'loaded']);
    expect(notifier.notices[0]?.message).toMatch(/MSFT\s+FAILED at store: ProvisionedThroughputExceeded/);
    // One `stage failed` event, with what a CloudWatch query for failures needs.
    expect(events.filter((e) => e.msg === 'stage failed')).toEqual([
      expect.objectContaining({
        runId: 'r7',
        hour: '2024-12-06T15',
        ticker: 'MSFT',
        stage: 'store',
        reason: 'ProvisionedThroughputExceeded',
      }),
    ]);
  });

  it('logs every ticker failure once, whatever the stage, with its ticker, stage and reason', async () => {
    const { logger, events } = recordingLogger();
    const scorer: SentimentScorer = { score: () => Promise.reject(new Error('throttled')) };
    const { deps: d } = await deps({ scorer, logger });
    await runHour(d, { runId: 'r8', hourStart, watchlist });
    const failed = events.filter((e) => e.msg === 'stage failed');
    expect(failed.map((e) => [e.ticker, e.stage, e.reason])).toEqual([
      ['AMZN', 'score', 'throttled'],
      ['MSFT', 'score', 'throttled'],
      ['TSLA', 'score', 'throttled'],
    ]);
  });

  it('names the raw-keeping step `raw` in its log events', async () => {
    const { logger, events } = recordingLogger();
    const { deps: d } = await deps({ logger });
    await runHour(d, { runId: 'r9', hourStart, watchlist: watchlist.slice(0, 1) });
    const stages = events.filter((e) => e.msg === 'stage').map((e) => e.stage);
    expect(stages.filter((s) => s !== 'volume')).toEqual([
      'extract',
      'raw',
      'transform',
      'score',
      'store',
      'load',
    ]);
    // The volume is counted while the posts are scored and stored: after transform, before load.
    expect(stages.indexOf('volume')).toBeGreaterThan(stages.indexOf('transform'));
    expect(stages.indexOf('volume')).toBeLessThan(stages.indexOf('load'));
  });
});

describe('each step alone', () => {
  const silent = pino({ level: 'silent' });
  const item = (ticker: string) => ({
    entry: { ticker, query: `$${ticker}` },
    hourStart,
    from: 'sources' as const,
  });
  const stopped = (ticker: string) => ({
    ok: false as const,
    item: item(ticker),
    stage: 'extract' as const,
    reason: 'x',
  });

  it('extract: reads each ticker-hour into posts and a candle, and stops the one whose source fails', async () => {
    const { deps: d } = await deps({
      prices: {
        rawPrefix: 'sample/yahoo-chart',
        fetchBars: (ticker, hour) =>
          ticker === 'MSFT'
            ? Promise.reject(new Error('reset'))
            : new SamplePriceSource().fetchBars(ticker, hour),
      },
    });
    const outcomes = await extract(d, [item('AMZN'), item('MSFT')], 'r', silent);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(outcomes[0]).toMatchObject({ ok: true, candle: { status: 'traded', ticker: 'AMZN' } });
    expect(outcomes[1]).toMatchObject({ ok: false, stage: 'extract', reason: 'reset' });
  });

  it('score: scores what is still going in one call, gives each its own posts back, passes stopped ones through', async () => {
    const calls: number[] = [];
    const scorer: SentimentScorer = {
      async score(posts) {
        calls.push(posts.length);
        return posts.map((p) => ({ ...p, sentiment: null, unscoredReason: 'empty_text' as const }));
      },
    };
    const post = (ticker: string, postId: string) => ({
      postId,
      ticker,
      hourStart,
      authorId: null,
      createdAt: hourStart,
      lang: 'en',
      text: '',
      engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
    });
    const candle = (ticker: string) => ({ status: 'market_closed' as const, ticker, hourStart });
    const outcomes = await score(
      scorer,
      [
        {
          ok: true,
          item: item('AMZN'),
          posts: [post('AMZN', '1'), post('AMZN', '2')],
          candle: candle('AMZN'),
        },
        stopped('MSFT'),
        { ok: true, item: item('TSLA'), posts: [post('TSLA', '3')], candle: candle('TSLA') },
      ],
      silent,
    );
    expect(calls).toEqual([3]);
    expect(outcomes.map((o) => (o.ok ? o.posts.map((p) => p.postId) : o.stage))).toEqual([
      ['1', '2'],
      'extract',
      ['3'],
    ]);
    const failing = await score({ score: () => Promise.reject(new Error('down')) }, outcomes, silent);
    expect(failing.map((o) => !o.ok && o.stage)).toEqual(['score', 'extract', 'score']);
  });

  it('store: keeps what is going, stops a ticker-hour the store refused, passes stopped ones through', async () => {
    const kept: string[] = [];
    const documents: DocumentStore = {
      async putAll(all) {
        kept.push(...all.map((d) => d.ticker));
        return new Map(all.filter((d) => d.ticker === 'TSLA').map((d) => [d, new Error('full')]));
      },
    };
    const candle = (ticker: string) => ({ status: 'market_closed' as const, ticker, hourStart });
    const outcomes = await store(
      documents,
      [
        { ok: true, item: item('AMZN'), posts: [], candle: candle('AMZN') },
        stopped('MSFT'),
        { ok: true, item: item('TSLA'), posts: [], candle: candle('TSLA') },
      ],
      silent,
    );
    expect(kept).toEqual(['AMZN', 'TSLA']);
    expect(outcomes.map((o) => (o.ok ? 'ok' : `${o.stage}: ${o.reason}`))).toEqual([
      'ok',
      'extract: x',
      'store: full',
    ]);
  });

  it('load: one upsert of every row still going; a refusal stops them all at load', async () => {
    const warehouse = new RecordingWarehouse();
    const candle = (ticker: string) => ({ status: 'market_closed' as const, ticker, hourStart });
    const going = [
      { ok: true as const, item: item('AMZN'), posts: [], candle: candle('AMZN') },
      stopped('MSFT'),
    ];
    const { outcomes } = await load(
      warehouse,
      going,
      new Map([[going[0]?.item as TickerHour, 42]]),
      { runId: 'r10', source: 'sample' },
      silent,
    );
    expect(warehouse.rows.map((r) => [r.ticker, r.runId, r.marketClosed, r.postVolume])).toEqual([
      ['AMZN', 'r10', true, 42],
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, row: { ticker: 'AMZN', postCount: 0 } });
    const { outcomes: refused } = await load(
      new RecordingWarehouse(new Error('gone')),
      going,
      new Map(),
      { runId: 'r10', source: 'sample' },
      silent,
    );
    expect(refused.map((o) => !o.ok && `${o.stage}: ${o.reason}`)).toEqual(['load: gone', 'extract: x']);
  });
});

describe('runHour catching up', () => {
  const earlier = new Date('2024-12-06T14:00Z');
  /** The ledger as the warehouse would hold it after these entries. */
  const asRecords = (entries: readonly LedgerEntry[]): LedgerRecord[] =>
    entries.map((e) => ({
      ticker: e.ticker,
      hourStart: e.hourStart,
      state: e.failure ? 'failed' : 'loaded',
      stage: e.failure?.stage ?? null,
      reason: e.failure?.reason ?? null,
      attempts: 1,
      failures: e.failure ? 1 : 0,
      firstAttemptAt: e.hourStart,
      lastAttemptAt: e.hourStart,
      runId: e.runId,
      marketClosed: false,
      rowGone: false,
      source: 'sample',
    }));

  it('heals an earlier failed ticker-hour from its staged posts, without asking X again, and reports it', async () => {
    const samplePosts = new SamplePostSource(10);
    const asked: string[] = [];
    const posts = {
      rawPrefix: samplePosts.rawPrefix,
      origin: 'sample' as const,
      reach: samplePosts.reach,
      fetchPosts: (entry: { ticker: string; query: string }, hour: Date) => {
        asked.push(`${entry.ticker}@${hour.getUTCHours()}`);
        return samplePosts.fetchPosts(entry, hour);
      },
    };
    const samplePrices = new SamplePriceSource();
    let pricesDown = true;
    const prices = {
      rawPrefix: samplePrices.rawPrefix,
      origin: 'sample' as const,
      fetchBars: (ticker: string, hour: Date) =>
        pricesDown && ticker === 'MSFT'
          ? Promise.reject(new Error('reset'))
          : samplePrices.fetchBars(ticker, hour),
    };
    const { logger, events } = recordingLogger();
    const { deps: d, warehouse, notifier } = await deps({ posts, prices, logger });
    // 14:00: MSFT's prices fail after its posts were fetched: the posts are not kept (both bodies are kept together).
    await runHour(d, { runId: 'r14', hourStart: earlier, watchlist });
    expect(warehouse.entries.filter((e) => e.failure).map((e) => e.ticker)).toEqual(['MSFT']);
    warehouse.records = asRecords(warehouse.entries);
    pricesDown = false;
    asked.length = 0;

    const report = await runHour(d, {
      runId: 'r15',
      hourStart,
      watchlist,
      catchUp: { lookBackHours: 24, maxHours: 6 },
    });
    expect(report.status).toBe('succeeded');
    expect(report.healed.map((t) => [t.ticker, t.hourStart.toISOString(), t.status])).toEqual([
      ['MSFT', '2024-12-06T14:00:00.000Z', 'loaded'],
    ]);
    expect(asked.sort()).toEqual(['AMZN@15', 'MSFT@14', 'MSFT@15', 'TSLA@15']);
    expect(warehouse.locks[2]).toBe('lock 2024-12-06T15:00:00.000Z 2024-12-06T14:00:00.000Z');
    expect(notifier.notices.at(-1)?.subject).toBe(
      'stockpipe succeeded: 2024-12-06T15:00Z, 3/3 tickers loaded, 1 earlier healed',
    );
    expect(notifier.notices.at(-1)?.message).toMatch(
      /caught up 1 earlier ticker-hours[^\n]*\nMSFT\s+2024-12-06T14:00Z loaded/,
    );
    // Each ticker-hour's events carry its own hour, the healed one included: a slow or failing healed hour is named.
    const extracts = events.filter((e) => e.runId === 'r15' && e.msg === 'stage' && e.stage === 'extract');
    expect(extracts.map((e) => `${e.ticker}@${e.hour}`).sort()).toEqual([
      'AMZN@2024-12-06T15',
      'MSFT@2024-12-06T14',
      'MSFT@2024-12-06T15',
      'TSLA@2024-12-06T15',
    ]);

    // Healed now: a third run has nothing to catch up, and takes the 15:00 bodies it kept rather than ask X.
    warehouse.records = asRecords(warehouse.entries);
    asked.length = 0;
    const again = await runHour(d, {
      runId: 'r16',
      hourStart,
      watchlist,
      catchUp: { lookBackHours: 24, maxHours: 6 },
    });
    expect(again.healed).toEqual([]);
    expect(asked).toEqual([]);
  });
  it('#20.1 loads its own hour when the database refuses a healed hour’s row, which alone fails at load', async () => {
    const warehouse = new RecordingWarehouse();
    warehouse.refuses = (row) =>
      row.hourStart.getTime() === earlier.getTime() ? 'value out of range for type numeric' : undefined;
    const { deps: d, notifier } = await deps({ warehouse });
    warehouse.records = asRecords([
      {
        ticker: 'AMZN',
        hourStart: earlier,
        runId: 'r14',
        failure: { stage: 'extract', reason: 'x', counts: true },
      },
    ]);
    const report = await runHour(d, {
      runId: 'r15',
      hourStart,
      watchlist,
      catchUp: { lookBackHours: 24, maxHours: 6 },
    });
    expect(report.status).toBe('succeeded');
    expect(report.tickers.map((t) => t.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(report.healed.map((t) => [t.ticker, t.status === 'failed' && `${t.stage}: ${t.reason}`])).toEqual([
      ['AMZN', 'load: value out of range for type numeric'],
    ]);
    expect(warehouse.rows.map((r) => r.ticker)).toEqual(['AMZN', 'MSFT', 'TSLA']);
    expect(warehouse.entries.find((e) => e.hourStart.getTime() === earlier.getTime())?.failure).toMatchObject(
      {
        stage: 'load',
      },
    );
    expect(notifier.notices.at(-1)?.subject).toMatch(
      /^stockpipe succeeded: 2024-12-06T15:00Z, 3\/3 tickers loaded/,
    );
  });
});
