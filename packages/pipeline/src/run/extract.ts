import pLimit from 'p-limit';
import type { Logger } from '../log.ts';
import { timed } from '../log.ts';
import type { PostSource, PriceSource, RawResponse, RawStore } from '../ports.ts';
import type { BarInterval, Candle, CleanPost } from '../records.ts';
import { XSearchResponseSchema } from '../schemas/x-search.ts';
import { YahooChartResponseSchema } from '../schemas/yahoo-chart.ts';
import type { SpendGuard } from '../spend/x-spend-guard.ts';
import { selectCandle } from '../stages/candle.ts';
import { cleanPosts } from '../stages/clean.ts';
import { parseRaw } from '../stages/parse-raw.ts';
import { rawKey } from '../stores/raw-key.ts';
import { keepPricesOnly } from './keep-prices.ts';
import { fail, type Outcome, type TickerHour } from './outcome.ts';

export interface ExtractDeps {
  posts: PostSource;
  prices: PriceSource;
  raw: RawStore;
  concurrency: number;
  /** The month's X budget: once spent, ticker-hours keep their prices and fail without reading X. */
  xSpend?: SpendGuard;
}

/** A ticker-hour read from its sources: its cleaned posts and its candle. */
export interface Extracted {
  posts: CleanPost[];
  candle: Candle;
}

/**
 * Steps 1–3 for each ticker-hour, a few at a time: fetch the posts and the bars (extract), keep both bodies as they
 * came (raw), then read them (transform).
 */
export function extract(
  deps: ExtractDeps,
  items: readonly TickerHour[],
  runId: string,
  log: Logger,
): Promise<Outcome<Extracted>[]> {
  const limit = pLimit(deps.concurrency);
  return Promise.all(
    items.map((item) => limit(() => extractOne(deps, item, runId, log.child({ ticker: item.entry.ticker })))),
  );
}

async function extractOne(
  deps: ExtractDeps,
  item: TickerHour,
  runId: string,
  log: Logger,
): Promise<Outcome<Extracted>> {
  const { entry, hourStart } = item;
  if (deps.xSpend && !(await deps.xSpend.allowsReading()))
    return keepPricesOnly(deps, item, runId, log, deps.xSpend.reason);
  let bodies: [RawResponse, RawResponse & { interval: BarInterval }];
  try {
    bodies = await timed(log, 'extract', {}, () => fetchBoth(deps, item));
  } catch (error) {
    return fail(log, item, 'extract', error);
  }
  const [posts, bars] = bodies;
  try {
    await timed(log, 'raw', {}, () =>
      Promise.all([
        deps.raw.put(rawKey(deps.posts.rawPrefix, entry.ticker, hourStart), posts, runId),
        deps.raw.put(rawKey(deps.prices.rawPrefix, entry.ticker, hourStart), bars, runId),
      ]),
    );
  } catch (error) {
    return fail(log, item, 'raw', error);
  }
  try {
    const read = await timed(
      log,
      'transform',
      {},
      async () => transform(item, posts.body, bars.body, bars.interval),
      (e) => ({ posts: e.posts.length, market: e.candle.status }),
    );
    return { ok: true, item, ...read };
  } catch (error) {
    return fail(log, item, 'transform', error);
  }
}

// When one source fails the ticker has failed: the other stops too, rather than retry on after the run.
function fetchBoth(deps: ExtractDeps, { entry, hourStart }: TickerHour) {
  const cancel = new AbortController();
  const orCancel = <T>(fetching: Promise<T>) =>
    fetching.catch((error: unknown) => {
      cancel.abort(error);
      throw error;
    });
  return Promise.all([
    orCancel(deps.posts.fetchPosts(entry, hourStart, cancel.signal)),
    orCancel(deps.prices.fetchBars(entry.ticker, hourStart, cancel.signal)),
  ]);
}

/** The raw bodies of a ticker-hour, checked against the schemas and read into posts and a candle. */
export function transform(
  { entry, hourStart }: TickerHour,
  postsBody: Uint8Array,
  barsBody: Uint8Array,
  interval: BarInterval,
): Extracted {
  const { ticker } = entry;
  const search = parseRaw(XSearchResponseSchema, postsBody, `${ticker} posts response`);
  const chart = parseRaw(YahooChartResponseSchema, barsBody, `${ticker} chart response`);
  if (chart.chart.error) throw new Error(`${ticker} chart: ${chart.chart.error.description}`);
  const bars = chart.chart.result?.[0];
  if (!bars) throw new Error(`${ticker} chart response holds no result`);
  return {
    posts: cleanPosts(search, ticker, hourStart),
    candle: selectCandle(ticker, hourStart, bars, interval),
  };
}
