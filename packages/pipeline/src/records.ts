// The records the job makes and moves between its steps and stores. Plain types: they are built by the job's own
// code from input that was checked where it came in (the X and Yahoo schemas, the config), so nothing parses them.

/** The steps of a run a ticker-hour can fail at, in order. `raw` keeps the response bodies as they came. */
export type Stage = 'extract' | 'raw' | 'transform' | 'score' | 'store' | 'load';

export interface Engagement {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
}

/** A post after cleaning: its text fit for scoring, everything else kept as X sent it. */
export interface CleanPost {
  postId: string;
  ticker: string;
  hourStart: Date;
  authorId: string | null;
  createdAt: Date;
  lang: string | null;
  text: string;
  engagement: Engagement;
}

export type SentimentLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

/** Comprehend's SentimentScore shape: four probabilities that sum to 1. */
interface SentimentScores {
  Positive: number;
  Negative: number;
  Neutral: number;
  Mixed: number;
}

export interface Sentiment {
  label: SentimentLabel;
  scores: SentimentScores;
}

/** Why a post carries no score: recorded, never guessed. */
type UnscoredReason = 'empty_text' | 'unsupported_language' | 'scorer_error';

export interface ScoredPost extends CleanPost {
  sentiment: Sentiment | null;
  unscoredReason: UnscoredReason | null;
}

/** Which Yahoo bars built a candle: 30m bars inside the hour, or the 1h bars that overlap it (older hours). */
export type BarInterval = '30m' | '1h';

/** The price of one logical hour, or the fact that the market was closed through it. */
export type Candle =
  | {
      status: 'traded';
      ticker: string;
      hourStart: Date;
      open: number;
      high: number;
      low: number;
      close: number;
      volume: number;
      interval: BarInterval;
    }
  | { status: 'market_closed'; ticker: string; hourStart: Date };

export type LabelCounts = Record<SentimentLabel, number>;

/** One ticker-hour of talk, summarised. `score` is null when no post could be scored. */
export interface HourSummary {
  ticker: string;
  hourStart: Date;
  postCount: number;
  scoredCount: number;
  /** In [-1, 1]. */
  score: number | null;
  /** What the score says (never contradicting it); null with the score. */
  label: SentimentLabel | null;
  /** The posts' most frequent label. */
  majorityLabel: SentimentLabel | null;
  labelCounts: LabelCounts;
  /** Σ of the scored posts' engagement weights, what `score` is a mean over; null with the score. */
  sentimentWeight: number | null;
}

/** What a row was made from: stockpipe's made-up sample data, or X and Yahoo (STOCKPIPE_SOURCE). */
export type RowSource = 'sample' | 'live';

/** A row of `stock_performance`: sentiment and price of one ticker-hour, the warehouse's grain. */
export interface WarehouseRow {
  ticker: string;
  hourStart: Date;
  postCount: number;
  scoredCount: number;
  sentimentScore: number | null;
  sentimentLabel: SentimentLabel | null;
  majorityLabel: SentimentLabel | null;
  /**
   * Σ of the engagement weights of the hour's scored posts: hours combine into a longer mean by it
   * (Σ weight·score / Σ weight). Null with the score, and on rows loaded before migration 0007 kept it.
   */
  sentimentWeight: number | null;
  /** Posts X counted for the ticker's query in the hour (its recent counts); null where not counted. */
  postVolume: number | null;
  positiveCount: number;
  negativeCount: number;
  neutralCount: number;
  mixedCount: number;
  marketClosed: boolean;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
  candleInterval: BarInterval | null;
  runId: string;
  /** Null only on rows loaded before migration 0011, which recorded no source. */
  source: RowSource | null;
}

/** A stored row, with the figures SQL derives from its neighbours (the `stock_performance_figures` view). */
export interface StoredRow extends WarehouseRow {
  /** The close of the previous traded hour on the NYSE calendar; null when not loaded, and for a closed hour. */
  previousClose: number | null;
  /** The close against `previousClose`, in %, to 4 decimals. */
  changePct: number | null;
  /** The last price known at this hour (its own close when it traded), and the hour it is from. */
  lastClose: number | null;
  lastCloseAt: Date | null;
}

/** One of the most engaged posts of a ticker-hour, as the warehouse keeps it for dashboards and BI. */
export interface TopPost {
  ticker: string;
  hourStart: Date;
  postId: string;
  createdAt: Date;
  authorId: string | null;
  lang: string | null;
  text: string;
  engagement: Engagement;
  /** The weight the hour's summary gave it: 1 + ln(1 + likes + 2·reposts + 2·quotes + replies). */
  weight: number;
  sentimentLabel: SentimentLabel | null;
  /** Positive − Negative, in [-1, 1]; null when the post was not scored. */
  sentimentScore: number | null;
  runId: string;
}

/** How one attempt at a ticker-hour ended, as the ledger records it with the rows. */
export interface LedgerEntry {
  ticker: string;
  hourStart: Date;
  runId: string;
  /**
   * Null when it loaded; where and why it failed otherwise, and whether the failure counts toward giving up on the
   * hour (not when X's monthly budget stopped it: no retry changes that before the month resets).
   */
  failure: { stage: Stage; reason: string; counts: boolean } | null;
}

/** The ledger's record of a ticker-hour: its last attempt, and how many there were. */
export interface LedgerRecord {
  ticker: string;
  hourStart: Date;
  state: 'loaded' | 'failed';
  stage: Stage | null;
  reason: string | null;
  attempts: number;
  /** Failed attempts since it last loaded. */
  failures: number;
  firstAttemptAt: Date;
  lastAttemptAt: Date;
  runId: string;
  /** For a loaded hour: whether the market was closed through it. */
  marketClosed: boolean | null;
  /** A loaded hour whose stock_performance row is gone (deleted outside the job): to load again. */
  rowGone: boolean;
  /** Its row's source; null without a row, or for a row loaded before migration 0011. */
  source: RowSource | null;
}

/** A post a store holds: its id, and the ticker-hour whose raw body, documents and top posts hold it. */
export interface StoredPost {
  postId: string;
  ticker: string;
  hourStart: Date;
}

/** One line of X's compliance results: a post that must change, what to do and why (`deleted`, `protected` …). */
export interface ComplianceVerdict {
  postId: string;
  action: string;
  reason: string;
}

/** The posts one ticker-hour must lose, each with X's reason. */
export interface HourRemoval {
  ticker: string;
  hourStart: Date;
  /** Post id → reason. */
  posts: ReadonlyMap<string, string>;
}
