import type { WatchEntry } from '@stockpipe/shared';
import type {
  BarInterval,
  Candle,
  CleanPost,
  ScoredPost,
  StoredRow,
  TopPost,
  WarehouseRow,
} from './records.ts';

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
  /**
   * Stores the run's documents together (so a batching store fills every call); returns the documents that
   * failed, each with its error.
   */
  putAll(documents: readonly TickerDocuments[]): Promise<Map<TickerDocuments, Error>>;
}

export interface SentimentScorer {
  /** Scores every post it can; the rest come back unscored with a reason, never guessed. Same order as given. */
  score(posts: readonly CleanPost[]): Promise<ScoredPost[]>;
}

/** What a run writes: its rows, under a lock on its hour. */
export interface WarehouseWriter {
  /** Upserts the hour's rows and their most engaged posts in one transaction: all land, or none. */
  upsert(rows: readonly WarehouseRow[], posts: readonly TopPost[]): Promise<void>;
  /**
   * Holds the hour so two runs of it never write at once: waits for another holder, up to the configured time,
   * then fails. Returns the release.
   */
  lockHour(hourStart: Date): Promise<() => Promise<void>>;
}

/** What reports, dashboards and the demo read: rows with their derived figures, and the posts kept with them. */
export interface WarehouseReader {
  /** Rows of the given tickers in [from, to), by ticker then hour, with previous close and change. */
  rows(tickers: readonly string[], from: Date, to: Date): Promise<StoredRow[]>;
  /** The most engaged posts of the given tickers in [from, to), at most `perTicker` each, most engaged first. */
  topPosts(tickers: readonly string[], from: Date, to: Date, perTicker: number): Promise<TopPost[]>;
  /** Tickers with at least one row in [from, to), alphabetically. */
  tickersWithRows(from: Date, to: Date): Promise<string[]>;
}

export interface RunNotice {
  status: 'succeeded' | 'failed';
  subject: string;
  message: string;
}

export interface Notifier {
  notify(notice: RunNotice): Promise<void>;
}
