import pLimit from 'p-limit';
import type { Logger } from '../log.ts';
import { timed } from '../log.ts';
import type { PostSource, PriceSource, RawStore } from '../ports.ts';
import { rawKey } from '../raw/raw-key.ts';
import type { BarInterval, Candle, CleanPost } from '../records.ts';
import type { SpendGuard } from '../spend/x-spend-guard.ts';
import { readChart, readPosts } from '../stages/read-bodies.ts';
import { hourKey } from '../time/hours.ts';
import { type Body, keepBodies, type Reading, reading } from './keep-bodies.ts';
import { keepPrices } from './keep-prices.ts';
import { fail, type Outcome, type TickerHour } from './outcome.ts';
import type { RunBudget } from './run-budget.ts';
import { UncountedFailure } from './uncounted.ts';

export interface ExtractDeps {
  posts: PostSource;
  prices: PriceSource;
  raw: RawStore;
  concurrency: number;
  /** The month's X budget: once spent, ticker-hours keep their prices and fail without reading X. */
  xSpend?: SpendGuard;
  /** The run's budget: the sources still answering when it says so are cut. */
  budget?: RunBudget;
}

const STAGED_READS = 32;

/** An X search that found nothing: the posts of a ticker kept for its prices alone. */
const NO_POSTS = new TextEncoder().encode('{"meta":{"result_count":0}}');

/** A ticker-hour read from its sources: its cleaned posts and its candle. */
export interface Extracted {
  posts: CleanPost[];
  candle: Candle;
}

/**
 * Extract, raw and transform for each ticker-hour, a few at a time: get the posts and the bars (extract: staged or
 * fetched, as the item says), read each (transform), and keep them (raw): staged as they came when they read, set
 * aside with the reason when they do not, so a bad body is never taken for a good one.
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
      (b) => ({ fetched: [b.posts, b.bars].filter((body) => body.fetched).length }),
    );
  } catch (error) {
    return fail(log, item, 'extract', error);
  }
  // Each body read on its own, so that a good one is kept when the other is bad (X is not paid for twice).
  const { ticker } = item.entry;
  const posts = reading(() => readPosts(ticker, item.hourStart, bodies.posts.response.body));
  const candle = reading(() => readChart(ticker, item.hourStart, bodies.bars.response.body, bodies.interval));
  try {
    await timed(itemLog, 'raw', {}, () =>
      keepBodies(
        deps.raw,
        [
          [bodies.posts, posts],
          [bodies.bars, candle],
        ],
        runId,
      ),
    );
  } catch (error) {
    return fail(log, item, 'raw', error);
  }
  try {
    const read = await timed(
      itemLog,
      'transform',
      {},
      async () => ({ posts: readValue(posts), candle: readValue(candle) }),
      (e) => ({ posts: e.posts.length, market: e.candle.status }),
    );
    return { ok: true, item, ...read };
  } catch (error) {
    return fail(log, item, 'transform', error);
  }
}

function readValue<T>(read: Reading<T>): T {
  if (!read.ok) throw read.error;
  return read.value;
}

interface Bodies {
  posts: Body;
  bars: Body;
  /** Known when Yahoo was asked; read from the staged chart otherwise. */
  interval: BarInterval | undefined;
}

/**
 * A ticker-hour's two bodies, each from the raw store when it is staged there (and the item allows it), from its
 * source otherwise. When one source fails the ticker-hour has failed: the other stops too, rather than retry on
 * after the run; so does every source still answering when the run's budget ends (`signal`).
 */
async function bodiesOf(deps: ExtractDeps, item: TickerHour, runId: string, log: Logger): Promise<Bodies> {
  const { entry, hourStart, from } = item;
  const postsKey = rawKey(deps.posts.rawPrefix, entry.ticker, hourStart);
  const barsKey = rawKey(deps.prices.rawPrefix, entry.ticker, hourStart);
  // A ticker kept for its prices alone has no posts to search for: an empty search stands in, never staged.
  const noPosts = entry.pricesOnly ? NO_POSTS : null;
  const [stagedPosts, stagedBars] =
    from === 'sources'
      ? [noPosts, null]
      : await Promise.all([noPosts ?? deps.raw.get(postsKey), deps.raw.get(barsKey)]);
  if (from === 'staged' && (!stagedPosts || !stagedBars)) {
    throw new Error(
      `${entry.ticker}: no staged ${stagedPosts ? 'chart' : 'posts'} body at ${hourKey(hourStart)}`,
    );
  }
  if (!stagedPosts && deps.xSpend && !(await deps.xSpend.allowsReading())) {
    if (!stagedBars) await keepPrices(deps, item, runId, log);
    throw new UncountedFailure(deps.xSpend.reason);
  }
  const cancel = new AbortController();
  const signal = deps.budget ? AbortSignal.any([cancel.signal, deps.budget.fetching]) : cancel.signal;
  const orCancel = <T>(fetching: Promise<T>) =>
    fetching.catch((error: unknown) => {
      cancel.abort(error);
      throw error;
    });
  const [posts, bars] = await Promise.all([
    stagedPosts ? null : orCancel(deps.posts.fetchPosts(entry, hourStart, signal)),
    stagedBars ? null : orCancel(deps.prices.fetchBars(entry.ticker, hourStart, signal)),
  ]);
  const staged = (key: string, body: Uint8Array): Body => ({
    key,
    response: { body, contentType: 'application/json' },
    fetched: false,
  });
  return {
    posts: posts
      ? { key: postsKey, response: posts, fetched: true }
      : staged(postsKey, stagedPosts as Uint8Array),
    bars: bars
      ? { key: barsKey, response: { body: bars.body, contentType: bars.contentType }, fetched: true }
      : staged(barsKey, stagedBars as Uint8Array),
    interval: bars?.interval,
  };
}
