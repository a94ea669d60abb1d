import {
  type Candle,
  type CleanPost,
  hourKey,
  type WarehouseRow,
  type WatchEntry,
  XSearchResponseSchema,
  YahooChartResponseSchema,
} from '@stockpipe/shared';
import pLimit from 'p-limit';
import type { ServiceCalls } from './aws/service-calls.ts';
import { BusyError } from './errors.ts';
import { failureReason } from './failure-reason.ts';
import { type Logger, timed } from './log.ts';
import type {
  DocumentStore,
  Notifier,
  PostSource,
  PriceSource,
  RawStore,
  SentimentScorer,
  Warehouse,
} from './ports.ts';
import { composeNotice } from './report/run-notice.ts';
import { selectCandle } from './stages/candle.ts';
import { cleanPosts } from './stages/clean.ts';
import { joinHour } from './stages/join.ts';
import { parseRaw } from './stages/parse-raw.ts';
import { summariseHour } from './stages/summarise.ts';
import { topPosts } from './stages/top-posts.ts';
import { rawKey } from './stores/raw-key.ts';

export interface RunDeps {
  posts: PostSource;
  prices: PriceSource;
  raw: RawStore;
  documents: DocumentStore;
  scorer: SentimentScorer;
  warehouse: Warehouse;
  notifier: Notifier;
  logger: Logger;
  concurrency: number;
  /** Counts calls per service, for the run's log event and the benchmark. */
  calls?: ServiceCalls;
  /** Where this run's logs are (a CloudWatch log group and stream), for the notification. */
  logLocation?: string;
}

export interface RunRequest {
  runId: string;
  hourStart: Date;
  watchlist: readonly WatchEntry[];
  /** When the run began (`performance.now()`), start-up included; default: when this function was called. */
  startedAt?: number;
}

export type Stage = 'extract' | 'stage' | 'transform' | 'score' | 'store' | 'load';

export interface TickerOutcome {
  ticker: string;
  row: WarehouseRow | null;
  failure: { stage: Stage; reason: string } | null;
}

export interface RunReport {
  runId: string;
  hourStart: Date;
  status: 'succeeded' | 'failed';
  tickers: TickerOutcome[];
  durationMs: number;
  logLocation: string | undefined;
  notified: boolean;
}

interface Extracted {
  entry: WatchEntry;
  posts: CleanPost[];
  candle: Candle;
}

class TickerFailure extends Error {
  readonly stage: Stage;
  constructor(stage: Stage, cause: unknown) {
    super(failureReason(cause), { cause });
    this.stage = stage;
  }
}

/**
 * One logical hour for every ticker on the watchlist:
 * lock the hour → extract → stage raw → transform → score → store documents → summarise + join → load → notify.
 * A ticker that fails is reported and the others go on; the warehouse gets every good row in one transaction.
 */
export async function runHour(deps: RunDeps, request: RunRequest): Promise<RunReport> {
  const log = deps.logger.child({ runId: request.runId, hour: hourKey(request.hourStart) });

  // 0. Hold the hour, so two runs of it never write at once. A database that cannot be reached here still lets
  //    the run fetch and stage its raw data; the load then fails and says why.
  const release = await deps.warehouse.lockHour(request.hourStart).catch((error: unknown) => {
    if (error instanceof BusyError) throw error;
    log.warn({ stage: 'lock', err: error }, 'hour lock unavailable');
    return async () => {};
  });
  try {
    return await processHour(deps, request, log);
  } finally {
    await release().catch(() => {});
  }
}

async function processHour(deps: RunDeps, request: RunRequest, log: Logger): Promise<RunReport> {
  const started = request.startedAt ?? performance.now();
  const callsBefore = deps.calls?.snapshot() ?? {};
  const { runId, hourStart, watchlist } = request;
  const failures = new Map<string, TickerFailure>();
  const fail = (ticker: string, stage: Stage, error: unknown) =>
    failures.set(ticker, error instanceof TickerFailure ? error : new TickerFailure(stage, error));

  // 1–3. Extract each ticker's posts and bars, stage the raw bodies untouched, then read them.
  const limit = pLimit(deps.concurrency);
  const extracted = (
    await Promise.all(
      watchlist.map((entry) =>
        limit(() =>
          extractTicker(deps, log.child({ ticker: entry.ticker }), entry, request).catch((error: unknown) => {
            fail(entry.ticker, 'extract', error);
            return null;
          }),
        ),
      ),
    )
  ).filter((e): e is Extracted => e !== null);

  // 4. Score every post of the hour in one pass, so the scorer batches across tickers.
  const scored = await timed(
    log,
    'score',
    {},
    () => deps.scorer.score(extracted.flatMap((e) => e.posts)),
    (s) => ({ posts: s.length, scored: s.filter((p) => p.sentiment).length }),
  ).catch((error: unknown) => {
    for (const { entry } of extracted) fail(entry.ticker, 'score', error);
    return [];
  });
  const scoredByTicker = Map.groupBy(scored, (post) => post.ticker);

  // 5. Store every ticker's posts and price as documents, all together so a batching store fills its calls.
  const documents = extracted
    .filter(({ entry }) => !failures.has(entry.ticker))
    .map(({ entry, candle }) => ({
      ticker: entry.ticker,
      hourStart,
      posts: scoredByTicker.get(entry.ticker) ?? [],
      candle,
    }));
  const storeFailures = await timed(
    log,
    'store',
    {},
    () => deps.documents.putAll(documents),
    (f) => ({ tickers: documents.length, failed: f.size }),
  ).catch((error: unknown) => new Map(documents.map((d) => [d.ticker, error])));
  for (const [ticker, error] of storeFailures) fail(ticker, 'store', error);

  // 6. Summarise each ticker's hour and join it with its price; keep its most engaged posts for dashboards.
  const loadable = documents.filter(({ ticker }) => !failures.has(ticker));
  const rows = loadable.map(({ ticker, posts, candle }) =>
    joinHour(summariseHour(ticker, hourStart, posts), candle, runId),
  );
  const mostEngaged = loadable.flatMap(({ posts }) => topPosts(posts, runId));

  // 7. Load every good row in one transaction: all land, or none do.
  if (rows.length > 0) {
    await timed(
      log,
      'load',
      {},
      () => deps.warehouse.upsert(rows, mostEngaged),
      () => ({ rows: rows.length, posts: mostEngaged.length }),
    ).catch((error: unknown) => {
      for (const row of rows) fail(row.ticker, 'load', error);
    });
  }

  const report: RunReport = {
    runId,
    hourStart,
    status: failures.size === 0 ? 'succeeded' : 'failed',
    tickers: watchlist.map(({ ticker }) => {
      const failure = failures.get(ticker);
      return {
        ticker,
        row: failure ? null : (rows.find((r) => r.ticker === ticker) ?? null),
        failure: failure ? { stage: failure.stage, reason: failure.message } : null,
      };
    }),
    durationMs: Math.round(performance.now() - started),
    logLocation: deps.logLocation,
    notified: false,
  };

  // 8. Notify, success or failure. A notifier that is down must not undo a loaded run: timed() logs why.
  report.notified = await timed(log, 'notify', {}, () => deps.notifier.notify(composeNotice(report))).then(
    () => true,
    () => false,
  );
  const calls = deps.calls?.since(callsBefore);
  // Peak memory of the process so far, in MB: what sizes the Fargate task.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  log.info(
    {
      stage: 'run',
      status: report.status,
      ms: report.durationMs,
      failed: failures.size,
      peakRssMb,
      ...(calls ? { calls } : {}),
    },
    'run finished',
  );
  return report;
}

async function extractTicker(
  deps: RunDeps,
  log: Logger,
  entry: WatchEntry,
  request: RunRequest,
): Promise<Extracted> {
  const { ticker } = entry;
  const { hourStart, runId } = request;
  const step = <T>(stage: Stage, work: () => Promise<T>, describe?: (r: T) => Record<string, unknown>) =>
    timed(log, stage, {}, work, describe).catch((error: unknown) => {
      throw new TickerFailure(stage, error);
    });

  // When one source fails the ticker has failed: the other stops too, rather than retry on after the run.
  const cancel = new AbortController();
  const orCancel = <T>(fetching: Promise<T>) =>
    fetching.catch((error: unknown) => {
      cancel.abort(error);
      throw error;
    });
  const [postsRaw, barsRaw] = await step('extract', () =>
    Promise.all([
      orCancel(deps.posts.fetchPosts(entry, hourStart, cancel.signal)),
      orCancel(deps.prices.fetchBars(ticker, hourStart, cancel.signal)),
    ]),
  );
  await step('stage', () =>
    Promise.all([
      deps.raw.put(rawKey(deps.posts.rawPrefix, ticker, hourStart), postsRaw, runId),
      deps.raw.put(rawKey(deps.prices.rawPrefix, ticker, hourStart), barsRaw, runId),
    ]),
  );
  return step(
    'transform',
    async () => {
      const search = parseRaw(XSearchResponseSchema, postsRaw.body, `${ticker} posts response`);
      const chart = parseRaw(YahooChartResponseSchema, barsRaw.body, `${ticker} chart response`);
      if (chart.chart.error) throw new Error(`${ticker} chart: ${chart.chart.error.description}`);
      const bars = chart.chart.result?.[0];
      if (!bars) throw new Error(`${ticker} chart response holds no result`);
      return {
        entry,
        posts: cleanPosts(search, ticker, hourStart),
        candle: selectCandle(ticker, hourStart, bars, barsRaw.interval),
      };
    },
    (e) => ({ posts: e.posts.length, market: e.candle.status }),
  );
}
