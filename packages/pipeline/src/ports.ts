import type { WatchEntry } from '@stockpipe/shared';
import type { SavedLeadLag } from './analysis/analyze-run.ts';
import type {
  BarInterval,
  Candle,
  CleanPost,
  ComplianceVerdict,
  HourRemoval,
  LedgerEntry,
  LedgerRecord,
  RowSource,
  ScoredPost,
  StoredPost,
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
  /** How far back it can search (null: any hour), and whether each search is billed (X: per post returned). */
  readonly reach: { backMs: number | null; billed: boolean };
  /** What its posts are: made up (sample) or X's (live). Every row loaded from them records it. */
  readonly origin: RowSource;
  /** `signal`: the ticker failed elsewhere (its prices), so stop retrying and waiting. */
  fetchPosts(entry: WatchEntry, hourStart: Date, signal?: AbortSignal): Promise<RawResponse>;
}

/**
 * How many posts match a ticker's query, hour by hour, as an X v2 recent counts response (`granularity=hour`): the
 * hour's post volume, which the top posts (at most X_MAX_RESULTS) cannot measure.
 */
export interface VolumeSource extends RawKeyed {
  /** How far back it counts (null: any hour), and whether each request is billed (X: per request). */
  readonly reach: { backMs: number | null; billed: boolean };
  /** The counts of the whole hours in [from, to), at most a week of them; `signal` stops the request. */
  fetchCounts(entry: WatchEntry, from: Date, to: Date, signal?: AbortSignal): Promise<RawResponse>;
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
  /** The body staged at `key`, byte for byte as it came, or null when none is. */
  get(key: string): Promise<Uint8Array | null>;
  /**
   * Keeps a body that does not read (cut, HTML, junk, implausible values) beside `key` with the reason, and leaves
   * `key` empty (a body staged there before is removed): the next attempt fetches again instead of failing on it.
   */
  setAside(key: string, response: RawResponse, reason: string, runId: string): Promise<void>;
  /** The hours (`2026-11-28T16`) in [from, to) with a body staged under `prefix` for `ticker`. */
  stagedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>>;
  /** The hours in [from, to) under `prefix` for `ticker` whose body compliance rewrote (a redaction record beside it). */
  redactedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>>;
  /**
   * Deletes every version of `key` but its current one, where the store keeps versions (a versioned S3 bucket):
   * a body compliance rewrote must not survive as an older version. Says how many it deleted.
   */
  dropOlderVersions(key: string): Promise<number>;
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

/**
 * A store of post text that can say cheaply which posts it holds (the post documents, the warehouse's top posts):
 * what compliance checks with X, and where it removes what X says must go.
 */
export interface PostHolder {
  /** What it holds, for the report: `post documents`, `top posts`. */
  readonly what: string;
  /** The posts it holds of the hours from `since` on (all of them when null). */
  storedPosts(since: Date | null): Promise<StoredPost[]>;
  /** Removes these posts from their ticker-hours; says how many it held. What is gone already removes nothing. */
  removePosts(removals: readonly HourRemoval[]): Promise<number>;
}

/** A store the job itself keeps within its retention (local files, top posts); S3 and DynamoDB expire on their own. */
export interface Expiring {
  /** What it keeps, for the report. */
  readonly what: string;
  /** Which retention applies: the raw bodies', or the posts'. */
  readonly keeps: 'raw' | 'posts';
  /** Removes what is older than `before` (only counts it with `dryRun`); says how many. */
  expire(before: Date, options: { dryRun: boolean }): Promise<number>;
}

/** Asks X which of the given posts must go (its batch compliance endpoints): deleted, protected, suspended … */
export interface ComplianceChecker {
  check(postIds: readonly string[]): Promise<ComplianceVerdict[]>;
}

export interface SentimentScorer {
  /** Scores every post it can; the rest come back unscored with a reason, never guessed. Same order as given. */
  score(posts: readonly CleanPost[]): Promise<ScoredPost[]>;
}

/** One batch of a run's results: the rows that loaded, their most engaged posts, and how every attempt ended. */
export interface LoadBatch {
  rows: readonly WarehouseRow[];
  posts: readonly TopPost[];
  ledger: readonly LedgerEntry[];
}

/** Hours a run holds, and how it lets them go. */
export interface HeldHours {
  hours: Date[];
  release(): Promise<void>;
}

/** A row the database would not take (a value it cannot hold), and what it said. */
export interface Refusal {
  ticker: string;
  hourStart: Date;
  reason: string;
}

/** What a load did: how many rows it changed, and the rows the database refused (failed at load in the ledger). */
export interface WarehouseLoad {
  rowsChanged: number;
  refused: Refusal[];
}

/** What a run writes: its rows and ledger, under locks on its hours. */
export interface WarehouseWriter {
  /**
   * Writes the batch in one transaction: the rows the database takes with their posts, and the whole ledger, a
   * refused row's entry saying so. A refusal fails that row only; any other error (the database gone, `signal`
   * aborted by the run's budget) lands nothing.
   */
  load(batch: LoadBatch, options?: { signal?: AbortSignal }): Promise<WarehouseLoad>;
  /**
   * Holds the hours so two runs never write one at once. Waits for `waitFor` (a run's own hour) up to the
   * configured time, then fails; the other hours are held if free and left out if not.
   */
  lockHours(hours: readonly Date[], options?: { waitFor?: Date }): Promise<HeldHours>;
}

/** What a run reads before it writes: the ledger, to plan what to heal. */
export interface LedgerReader {
  /** The ledger's records of the given tickers in [from, to), by ticker then hour. */
  ledger(tickers: readonly string[], from: Date, to: Date): Promise<LedgerRecord[]>;
  /** The first hour the ledger records for each ticker (tickers it has never seen are absent). */
  firstRecorded(tickers: readonly string[]): Promise<Map<string, Date>>;
}

/** What reports, dashboards and the demo read: rows with their derived figures, the posts kept, the ledger. */
export interface WarehouseReader extends LedgerReader {
  /** Rows of the given tickers in [from, to), by ticker then hour, with previous close and change. */
  rows(tickers: readonly string[], from: Date, to: Date): Promise<StoredRow[]>;
  /**
   * The most engaged posts of the given tickers in [from, to), at most `perTicker` each and, when `perDay` is given,
   * at most that many of a UTC day; most engaged first.
   */
  topPosts(
    tickers: readonly string[],
    from: Date,
    to: Date,
    perTicker: number,
    perDay?: number | null,
  ): Promise<TopPost[]>;
  /** Each ticker's latest saved lead–lag analysis (`stockpipe analyze --save`). */
  savedLeadLag(tickers: readonly string[]): Promise<Map<string, SavedLeadLag>>;
  /** The latest hour the ledger records for any of the tickers; null when none. */
  lastRecorded(tickers: readonly string[]): Promise<Date | null>;
  /** Tickers with at least one row in [from, to), alphabetically. */
  tickersWithRows(from: Date, to: Date): Promise<string[]>;
}

/** The warehouse a run works with: it writes its batches and reads the ledger to plan what to heal. */
export type Warehouse = WarehouseWriter & LedgerReader;

export interface RunNotice {
  status: 'succeeded' | 'failed';
  subject: string;
  message: string;
}

/** The daily digest (`stockpipe digest`): published like a run's notice, its status telling email filters apart. */
export interface DigestNotice {
  status: 'digest';
  subject: string;
  message: string;
}

export type Notice = RunNotice | DigestNotice;

export interface Notifier {
  notify(notice: Notice): Promise<void>;
}
