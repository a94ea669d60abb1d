import { z } from 'zod';
import { TickerSchema } from '../watchlist.ts';

const count = z.number().int().nonnegative();

export const EngagementSchema = z.object({ likes: count, reposts: count, replies: count, quotes: count });
export type Engagement = z.infer<typeof EngagementSchema>;

/** A post after cleaning: its text fit for scoring, everything else kept as X sent it. */
export const CleanPostSchema = z.object({
  postId: z.string(),
  ticker: TickerSchema,
  hourStart: z.date(),
  authorId: z.string().nullable(),
  createdAt: z.date(),
  lang: z.string().nullable(),
  text: z.string(),
  engagement: EngagementSchema,
});
export type CleanPost = z.infer<typeof CleanPostSchema>;

export const SentimentLabelSchema = z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

/** Comprehend's SentimentScore shape: four probabilities that sum to 1. */
export const SentimentScoresSchema = z.object({
  Positive: z.number().min(0).max(1),
  Negative: z.number().min(0).max(1),
  Neutral: z.number().min(0).max(1),
  Mixed: z.number().min(0).max(1),
});
export type SentimentScores = z.infer<typeof SentimentScoresSchema>;

export const SentimentSchema = z.object({ label: SentimentLabelSchema, scores: SentimentScoresSchema });
export type Sentiment = z.infer<typeof SentimentSchema>;

/** Why a post carries no score: recorded, never guessed. */
export const UnscoredReasonSchema = z.enum(['empty_text', 'unsupported_language', 'scorer_error']);
export type UnscoredReason = z.infer<typeof UnscoredReasonSchema>;

export const ScoredPostSchema = CleanPostSchema.extend({
  sentiment: SentimentSchema.nullable(),
  unscoredReason: UnscoredReasonSchema.nullable(),
});
export type ScoredPost = z.infer<typeof ScoredPostSchema>;

/** The price of one logical hour, or the fact that the market was closed through it. */
export const CandleSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('traded'),
    ticker: TickerSchema,
    hourStart: z.date(),
    open: z.number(),
    high: z.number(),
    low: z.number(),
    close: z.number(),
    volume: count,
    // Which Yahoo bars built it: 30m bars inside the hour, or the 1h bars that overlap it (older hours).
    interval: z.enum(['30m', '1h']),
  }),
  z.object({ status: z.literal('market_closed'), ticker: TickerSchema, hourStart: z.date() }),
]);
export type Candle = z.infer<typeof CandleSchema>;

export const LabelCountsSchema = z.object({
  POSITIVE: count,
  NEGATIVE: count,
  NEUTRAL: count,
  MIXED: count,
});
export type LabelCounts = z.infer<typeof LabelCountsSchema>;

/** One ticker-hour of talk, summarised. `score` is null when no post could be scored. */
export const HourSummarySchema = z.object({
  ticker: TickerSchema,
  hourStart: z.date(),
  postCount: count,
  scoredCount: count,
  score: z.number().min(-1).max(1).nullable(),
  /** What the score says (never contradicting it); null with the score. */
  label: SentimentLabelSchema.nullable(),
  /** The posts' most frequent label. */
  majorityLabel: SentimentLabelSchema.nullable(),
  labelCounts: LabelCountsSchema,
});
export type HourSummary = z.infer<typeof HourSummarySchema>;

/** A row of `stock_performance`: sentiment and price of one ticker-hour, the warehouse's grain. */
export const WarehouseRowSchema = z.object({
  ticker: TickerSchema,
  hourStart: z.date(),
  postCount: count,
  scoredCount: count,
  sentimentScore: z.number().min(-1).max(1).nullable(),
  sentimentLabel: SentimentLabelSchema.nullable(),
  majorityLabel: SentimentLabelSchema.nullable(),
  positiveCount: count,
  negativeCount: count,
  neutralCount: count,
  mixedCount: count,
  marketClosed: z.boolean(),
  open: z.number().nullable(),
  high: z.number().nullable(),
  low: z.number().nullable(),
  close: z.number().nullable(),
  volume: count.nullable(),
  candleInterval: z.enum(['30m', '1h']).nullable(),
  runId: z.string(),
});
export type WarehouseRow = z.infer<typeof WarehouseRowSchema>;

/** One of the most engaged posts of a ticker-hour, as the warehouse keeps it for dashboards and BI. */
export const TopPostSchema = z.object({
  ticker: TickerSchema,
  hourStart: z.date(),
  postId: z.string(),
  createdAt: z.date(),
  authorId: z.string().nullable(),
  lang: z.string().nullable(),
  text: z.string(),
  engagement: EngagementSchema,
  /** The weight the hour's summary gave it: 1 + ln(1 + likes + 2·reposts + 2·quotes + replies). */
  weight: z.number().min(1),
  sentimentLabel: SentimentLabelSchema.nullable(),
  /** Positive − Negative, in [-1, 1]; null when the post was not scored. */
  sentimentScore: z.number().min(-1).max(1).nullable(),
  runId: z.string(),
});
export type TopPost = z.infer<typeof TopPostSchema>;
