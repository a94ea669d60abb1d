import pLimit from 'p-limit';
import type { Logger } from '../log.ts';
import { timed } from '../log.ts';
import type { PostSource, PriceSource, RawResponse, RawStore } from '../ports.ts';
import { rawKey } from '../raw/raw-key.ts';
import type { BarInterval, Candle, CleanPost } from '../records.ts';
import { XSearchResponseSchema } from '../schemas/x-search.ts';
import { YahooChartResponseSchema } from '../schemas/yahoo-chart.ts';
import type { SpendGuard } from '../spend/x-spend-guard.ts';
import { selectCandle } from '../stages/candle.ts';
import { cleanPosts } from '../stages/clean.ts';
import { parseRaw } from '../stages/parse-raw.ts';
import { hourKey } from '../time/hours.ts';
import { keepPrices } from './keep-prices.ts';
import { fail, type Outcome, type TickerHour } from './outcome.ts';

export interface ExtractDeps {
  posts: PostSource;
  prices: PriceSource;
  raw: RawStore;
  concurrency: number;
  /** The month's X budget: once spent, ticker-hours keep their prices and fail without reading X. */
  xSpend?: SpendGuard;
}

const STAGED_READS = 32;

/** A ticker-hour read from its sources: its cleaned posts and its candle. */
export interface Extracted {
  posts: CleanPost[];
  candle: Candle;
}

/**
 * Extract, raw and transform for each ticker-hour, a few at a time: get the posts and the bars (extract: staged or fetched, as the
 * item says), keep what was fetched as it came (raw), then read both (transform).
 */
export function extract(
  deps: ExtractDeps,
  items: readonly TickerHour[],
  runId: string,
  log: Logger,
): Promise<Outcome<Extracted>[]> {
  // Sources are asked a few at a time; staged bodies are only files or objects to read, many at a time.
  const limit = pLimit(items.every((i) => i.from === 'staged') ? STAGED_READS : deps.concurrency);
  return Promise.all(items.map((item) => limit(() => extractOne(deps, item, runId, log))));
}

async function extractOne(
  deps: ExtractDeps,
  item: TickerHour,
  runId: string,
  log: Logger,
): Promise<Outcome<Extracted>> {
  // Its events say which ticker and hour they are of (a catch-up run holds several hours); failures say it in fail().
  const itemLog = log.child({ hour: hourKey(item.hourStart), ticker: item.entry.ticker });
  let bodies: Bodies;
  try {
    bodies = await timed(
      itemLog,
      'extract',
      {},
      () => bodiesOf(deps, item, runId, itemLog),
      (b) => ({ fetched: b.fetched.length }),
    );
  } catch (error) {
    return fail(log, item, 'extract', error);
  }
  try {
    if (bodies.fetched.length > 0)
      await timed(itemLog, 'raw', {}, () =>
        Promise.all(bodies.fetched.map(([key, body]) => deps.raw.put(key, body, runId))),
      );
  } catch (error) {
    return fail(log, item, 'raw', error);
  }
  try {
    const read = await timed(
      itemLog,
      'transform',
      {},
      async () => transform(item, bodies.posts, bodies.bars, bodies.interval),
      (e) => ({ posts: e.posts.length, market: e.candle.status }),
    );
    return { ok: true, item, ...read };
  } catch (error) {
    return fail(log, item, 'transform', error);
  }
}

interface Bodies {
  posts: Uint8Array;
  bars: Uint8Array;
  /** Known when Yahoo was asked; read from the staged chart otherwise. */
  interval: BarInterval | undefined;
  /** The responses that came from the sources, to keep as they came, at their keys. */
  fetched: [string, RawResponse][];
}

/**
 * A ticker-hour's two bodies, each from the raw store when it is staged there (and the item allows it), from its
 * source otherwise. When one source fails the ticker-hour has failed: the other stops too, rather than retry on
 * after the run.
 */
async function bodiesOf(deps: ExtractDeps, item: TickerHour, runId: string, log: Logger): Promise<Bodies> {
  const { entry, hourStart, from } = item;
  const postsKey = rawKey(deps.posts.rawPrefix, entry.ticker, hourStart);
  const barsKey = rawKey(deps.prices.rawPrefix, entry.ticker, hourStart);
  const [stagedPosts, stagedBars] =
    from === 'sources' ? [null, null] : await Promise.all([deps.raw.get(postsKey), deps.raw.get(barsKey)]);
  if (from === 'staged' && (!stagedPosts || !stagedBars)) {
    throw new Error(
      `${entry.ticker}: no staged ${stagedPosts ? 'chart' : 'posts'} body at ${hourKey(hourStart)}`,
    );
  }
  if (!stagedPosts && deps.xSpend && !(await deps.xSpend.allowsReading())) {
    if (!stagedBars) await keepPrices(deps, item, runId, log);
    throw new Error(deps.xSpend.reason);
  }
  const cancel = new AbortController();
  const orCancel = <T>(fetching: Promise<T>) =>
    fetching.catch((error: unknown) => {
      cancel.abort(error);
      throw error;
    });
  const [posts, bars] = await Promise.all([
    stagedPosts ? null : orCancel(deps.posts.fetchPosts(entry, hourStart, cancel.signal)),
    stagedBars ? null : orCancel(deps.prices.fetchBars(entry.ticker, hourStart, cancel.signal)),
  ]);
  const fetched: [string, RawResponse][] = [];
  if (posts) fetched.push([postsKey, posts]);
  if (bars) fetched.push([barsKey, bars]);
  return {
    posts: stagedPosts ?? (posts as RawResponse).body,
    bars: stagedBars ?? (bars as RawResponse).body,
    interval: bars?.interval,
    fetched,
  };
}

/** The raw bodies of a ticker-hour, checked against the schemas and read into posts and a candle. */
function transform(
  { entry, hourStart }: Pick<TickerHour, 'entry' | 'hourStart'>,
  postsBody: Uint8Array,
  barsBody: Uint8Array,
  interval?: BarInterval,
): Extracted {
  const { ticker } = entry;
  const search = parseRaw(XSearchResponseSchema, postsBody, `${ticker} posts response`);
  const chart = parseRaw(YahooChartResponseSchema, barsBody, `${ticker} chart response`);
  if (chart.chart.error) throw new Error(`${ticker} chart: ${chart.chart.error.description}`);
  const bars = chart.chart.result?.[0];
  if (!bars) throw new Error(`${ticker} chart response holds no result`);
  // A staged chart says its bars' interval itself; one with no bar at all (market closed) needs none.
  const granularity = interval ?? bars.meta.dataGranularity ?? (bars.timestamp?.length ? undefined : '30m');
  if (granularity !== '30m' && granularity !== '1h') {
    throw new Error(`${ticker} chart response: bars of "${granularity ?? 'unknown'}", expected 30m or 1h`);
  }
  return {
    posts: cleanPosts(search, ticker, hourStart),
    candle: selectCandle(ticker, hourStart, bars, granularity),
  };
}
