import type { StoredRow, TopPost, WarehouseRow } from '../records.ts';
import { defineTable } from './pg-table.ts';

/** `stock_performance` (migrations 0001, 0003, 0007, 0008, 0011): one row per ticker-hour; read through `stock_performance_figures`. */
export const stockPerformance = defineTable<WarehouseRow, StoredRow>({
  name: 'stock_performance',
  key: ['ticker', 'hour_start'],
  provenance: ['run_id'],
  onChange: 'loaded_at = now()',
  columns: {
    ticker: { type: 'text', path: 'ticker' },
    hour_start: { type: 'timestamptz', path: 'hourStart' },
    post_count: { type: 'int', path: 'postCount' },
    scored_count: { type: 'int', path: 'scoredCount' },
    sentiment_score: { type: 'float8', path: 'sentimentScore' },
    sentiment_label: { type: 'text', path: 'sentimentLabel' },
    majority_label: { type: 'text', path: 'majorityLabel' },
    sentiment_weight: { type: 'float8', path: 'sentimentWeight' },
    post_volume: { type: 'int', path: 'postVolume' },
    positive_count: { type: 'int', path: 'positiveCount' },
    negative_count: { type: 'int', path: 'negativeCount' },
    neutral_count: { type: 'int', path: 'neutralCount' },
    mixed_count: { type: 'int', path: 'mixedCount' },
    market_closed: { type: 'boolean', path: 'marketClosed' },
    open: { type: 'numeric', path: 'open' },
    high: { type: 'numeric', path: 'high' },
    low: { type: 'numeric', path: 'low' },
    close: { type: 'numeric', path: 'close' },
    volume: { type: 'bigint', path: 'volume' },
    candle_interval: { type: 'text', path: 'candleInterval' },
    run_id: { type: 'text', path: 'runId' },
    // Data, not provenance: a live row over a sample one is a change, even with the same figures.
    source: { type: 'text', path: 'source' },
  },
  // Computed in SQL only, by the view (migration 0003): the BI view shows the same figures.
  derived: {
    previous_close: { type: 'numeric', path: 'previousClose' },
    change_pct: { type: 'numeric', path: 'changePct' },
    last_close: { type: 'numeric', path: 'lastClose' },
    last_close_at: { type: 'timestamptz', path: 'lastCloseAt' },
  },
});

/** `stock_top_posts` (migrations 0002, 0005; named `stock_posts` before 0012): the most engaged posts of each ticker-hour. */
export const stockTopPosts = defineTable<TopPost>({
  name: 'stock_top_posts',
  key: ['ticker', 'hour_start', 'post_id'],
  provenance: ['run_id'],
  // The posts' retention counts from here (PgTopPosts.expire).
  onChange: 'loaded_at = now()',
  columns: {
    ticker: { type: 'text', path: 'ticker' },
    hour_start: { type: 'timestamptz', path: 'hourStart' },
    post_id: { type: 'text', path: 'postId' },
    created_at: { type: 'timestamptz', path: 'createdAt' },
    author_id: { type: 'text', path: 'authorId' },
    lang: { type: 'text', path: 'lang' },
    text: { type: 'text', path: 'text' },
    likes: { type: 'int', path: 'engagement.likes' },
    reposts: { type: 'int', path: 'engagement.reposts' },
    replies: { type: 'int', path: 'engagement.replies' },
    quotes: { type: 'int', path: 'engagement.quotes' },
    weight: { type: 'float8', path: 'weight' },
    sentiment_label: { type: 'text', path: 'sentimentLabel' },
    sentiment_score: { type: 'float8', path: 'sentimentScore' },
    run_id: { type: 'text', path: 'runId' },
  },
});
