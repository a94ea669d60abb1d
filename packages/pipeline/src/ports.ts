import type { Candle, CleanPost, ScoredPost, TopPost, WarehouseRow, WatchEntry } from '@stockpipe/shared';
import type { BarInterval } from './stages/candle.ts';

/** A response body exactly as the API sent it: staged before anything reads it. */
export interface RawResponse {
  body: Uint8Array;
  contentType: string;
}

/** Where a raw response goes in the raw store, fixed by source, ticker and hour, so a rerun overwrites. */
export interface RawKeyed {
  /** e.g. `x/recent-search`: the first part of the raw key. */
  readonly rawPrefix: string;
}

/** Posts about a ticker created in one hour, most popular first, as an X v2 search response. */
export interface PostSource extends RawKeyed {
  /** `signal`: the ticker failed elsewhere (its prices), so stop retrying and waiting. */
  fetchPosts(entry: WatchEntry, hourStart: Date, signal?: AbortSignal): Promise<RawResponse>;
}

/** Price bars covering one hour, as a Yahoo chart response, and the bar interval they use. */
export interface PriceSource extends RawKeyed {
  /** `signal`: the ticker failed elsewhere (its posts), so stop. */
  fetchBars(
    ticker: string,
    hourStart: Date,
    signal?: AbortSignal,
  ): Promise<RawResponse & { interval: BarInterval }>;
}

export interface RawStore {
  put(key: string, response: RawResponse, runId: string): Promise<void>;
  /** Where the raw store keeps its objects, for messages (a folder or s3://bucket). */
  readonly location: string;
}

/** One ticker-hour's documents: its scored posts and its candle. */
export interface TickerDocuments {
  ticker: string;
  hourStart: Date;
  posts: readonly ScoredPost[];
  candle: Candle;
}

/** Posts and prices as documents, keyed so that a rerun overwrites instead of duplicating. */
export interface DocumentStore {
  /** Stores the run's documents together (so a batching store fills every call); returns each ticker that failed. */
  putAll(documents: readonly TickerDocuments[]): Promise<Map<string, Error>>;
}

export interface SentimentScorer {
  /** Scores every post it can; the rest come back unscored with a reason, never guessed. Same order as given. */
  score(posts: readonly CleanPost[]): Promise<ScoredPost[]>;
}

export interface Warehouse {
  /** Upserts the hour's rows and their most engaged posts in one transaction: all land, or none. */
  upsert(rows: readonly WarehouseRow[], posts: readonly TopPost[]): Promise<void>;
  /**
   * Holds the hour so two runs of it never write at once: waits for another holder, up to the configured time,
   * then fails. Returns the release.
   */
  lockHour(hourStart: Date): Promise<() => Promise<void>>;
}

export interface RunNotice {
  status: 'succeeded' | 'failed';
  subject: string;
  message: string;
}

export interface Notifier {
  notify(notice: RunNotice): Promise<void>;
}
