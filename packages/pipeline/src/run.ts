import {
  type Candle,
  type CleanPost,
  hourKey,
  type ScoredPost,
  type WarehouseRow,
  type WatchEntry,
  XSearchResponseSchema,
  YahooChartResponseSchema,
} from '@stockpipe/shared';
import pLimit from 'p-limit';
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
}

export interface RunRequest {
  runId: string;
  hourStart: Date;
  watchlist: readonly WatchEntry[];
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
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.stage = stage;
  }
}

/**
 * One logical hour for every ticker on the watchlist:
 * extract → stage raw → transform → score → store documents → summarise + join → load → notify.
 * A ticker that fails is reported and the others go on; the warehouse gets every good row in one transaction.
 */
export async function runHour(deps: RunDeps, request: RunRequest): Promise<RunReport> {
  const started = performance.now();
  const { runId, hourStart } = request;
  const log = deps.logger.child({ runId, hour: hourKey(hourStart) });
  const failures = new Map<string, TickerFailure>();
  const limit = pLimit(deps.concurrency);
  const perTicker = async <T>(
    items: readonly T[],
    ticker: (item: T) => string,
    work: (item: T) => Promise<void>,
  ) =>
    Promise.all(
      items.map((item) =>
        limit(async () => {
          try {
            await work(item);
          } catch (error) {
            failures.set(
              ticker(item),
              error instanceof TickerFailure ? error : new TickerFailure('store', error),
            );
          }
        }),
      ),
    );

  // 1–3. Extract each ticker's posts and bars, stage the raw bodies untouched, then read them.
  const extracted: Extracted[] = [];
  await perTicker(
    request.watchlist,
    (entry) => entry.ticker,
    async (entry) => {
      extracted.push(await extractTicker(deps, log.child({ ticker: entry.ticker }), entry, request));
    },
  );
  extracted.sort((a, b) => request.watchlist.indexOf(a.entry) - request.watchlist.indexOf(b.entry));

  // 4. Score every post of the hour in one pass, so the scorer batches across tickers.
  let scored: ScoredPost[] = [];
  try {
    scored = await timed(
      log,
      'score',
      {},
      () => deps.scorer.score(extracted.flatMap((e) => e.posts)),
      (s) => ({
        posts: s.length,
        scored: s.filter((p) => p.sentiment).length,
      }),
    );
  } catch (error) {
    for (const { entry } of extracted) failures.set(entry.ticker, new TickerFailure('score', error));
  }
  const scoredByTicker = Map.groupBy(scored, (post) => post.ticker);

  // 5–6. Store posts and price as documents; summarise the hour and join it with its price.
  const rows = new Map<string, WarehouseRow>();
  await perTicker(
    extracted.filter((e) => !failures.has(e.entry.ticker)),
    (e) => e.entry.ticker,
    async ({ entry, candle }) => {
      const posts = scoredByTicker.get(entry.ticker) ?? [];
      const tickerLog = log.child({ ticker: entry.ticker });
      await timed(tickerLog, 'store', {}, () =>
        storeDocuments(deps.documents, entry.ticker, hourStart, posts, candle),
      ).catch((error: unknown) => {
        throw new TickerFailure('store', error);
      });
      rows.set(entry.ticker, joinHour(summariseHour(entry.ticker, hourStart, posts), candle, runId));
    },
  );

  // 7. Load every good row in one transaction: all land, or none do.
  const loadable = request.watchlist.flatMap((entry) => rows.get(entry.ticker) ?? []);
  if (loadable.length > 0) {
    try {
      await timed(
        log,
        'load',
        {},
        () => deps.warehouse.upsert(loadable),
        () => ({ rows: loadable.length }),
      );
    } catch (error) {
      for (const row of loadable) failures.set(row.ticker, new TickerFailure('load', error));
    }
  }

  const tickers: TickerOutcome[] = request.watchlist.map(({ ticker }) => {
    const failure = failures.get(ticker);
    return {
      ticker,
      row: failure ? null : (rows.get(ticker) ?? null),
      failure: failure ? { stage: failure.stage, reason: failure.message } : null,
    };
  });
  const report: RunReport = {
    runId,
    hourStart,
    status: failures.size === 0 ? 'succeeded' : 'failed',
    tickers,
    durationMs: Math.round(performance.now() - started),
    notified: false,
  };

  // 8. Notify, success or failure. A notifier that is down must not undo a loaded run: log it and go on.
  try {
    await timed(log, 'notify', {}, () => deps.notifier.notify(composeNotice(report)));
    report.notified = true;
  } catch {
    // timed() has logged the failure with its reason.
  }
  log.info(
    { stage: 'run', status: report.status, ms: report.durationMs, failed: failures.size },
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

  const [postsRaw, barsRaw] = await step('extract', () =>
    Promise.all([deps.posts.fetchPosts(entry, hourStart), deps.prices.fetchBars(ticker, hourStart)]),
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

async function storeDocuments(
  documents: DocumentStore,
  ticker: string,
  hourStart: Date,
  posts: readonly ScoredPost[],
  candle: Candle,
): Promise<void> {
  await Promise.all([documents.putPosts(ticker, hourStart, posts), documents.putPrice(candle)]);
}
