import type { LedgerRecord, SentimentLabel, StoredRow, TopPost } from '../records.ts';
import { labelOfScore } from '../stages/score-label.ts';
import { type CellState, statusCells } from '../status/grid.ts';
import { hourKey } from '../time/hours.ts';

/** What one hour was, for the chart: traded, market closed, or not in the warehouse at all. */
type HourState = 'traded' | 'closed' | 'missing';

export interface TickerPanel {
  ticker: string;
  /** Hour starts, epoch seconds: every hour of the period, loaded or not, so gaps show as gaps. */
  times: number[];
  close: (number | null)[];
  /** False when no hour of the period traded: the chart then has no price axis to leave empty. */
  hasPrices: boolean;
  sentiment: (number | null)[];
  posts: (number | null)[];
  changePct: (number | null)[];
  state: HourState[];
  /** Each hour as the ledger has it (what `stockpipe status` shows): loaded, closed, failed, gave up, missing. */
  ledger: CellState[];
  labelMix: Record<SentimentLabel, number>;
  totals: { posts: number; scored: number; hoursLoaded: number };
  latest: {
    hour: string;
    /** The last price known at the latest hour, even from before the period (the warehouse looks 96 hours back). */
    lastClose: { close: number; hour: string } | null;
    changePct: number | null;
    sentiment: number | null;
    label: SentimentLabel | null;
    posts: number;
    marketClosed: boolean;
  } | null;
  topPosts: {
    hour: string;
    text: string;
    likes: number;
    reposts: number;
    replies: number;
    label: SentimentLabel | null;
    score: number | null;
  }[];
}

export interface DashboardModel {
  from: string;
  to: string;
  generatedAt: string;
  panels: TickerPanel[];
}

/**
 * Shapes warehouse rows into one panel per ticker over every hour of the period. Nothing is invented: an hour
 * with no row is `missing`, a closed hour has no close, an hour without scored posts has no sentiment; none of
 * them becomes a zero. Change % comes from the warehouse, which computes it.
 */
export function shapeDashboard(
  rows: readonly StoredRow[],
  posts: readonly TopPost[],
  tickers: readonly string[],
  hours: readonly Date[],
  generatedAt: Date,
  ledger: readonly LedgerRecord[] = [],
): DashboardModel {
  const byKey = new Map(rows.map((r) => [`${r.ticker}|${r.hourStart.getTime()}`, r]));
  const panels = tickers.map((ticker): TickerPanel => {
    const hourRows = hours.map((h) => byKey.get(`${ticker}|${h.getTime()}`) ?? null);
    const loaded = hourRows.filter((r): r is StoredRow => r !== null);
    const last = loaded.at(-1);
    return {
      ticker,
      times: hours.map((h) => h.getTime() / 1000),
      close: hourRows.map((r) => r?.close ?? null),
      hasPrices: loaded.some((r) => r.close !== null),
      sentiment: hourRows.map((r) => r?.sentimentScore ?? null),
      posts: hourRows.map((r) => r?.postCount ?? null),
      changePct: hourRows.map((r) => r?.changePct ?? null),
      state: hourRows.map((r) => (r === null ? 'missing' : r.marketClosed ? 'closed' : 'traded')),
      ledger: statusCells([ticker], hours, ledger).map((c) => c.state),
      labelMix: {
        POSITIVE: sum(loaded, (r) => r.positiveCount),
        NEGATIVE: sum(loaded, (r) => r.negativeCount),
        NEUTRAL: sum(loaded, (r) => r.neutralCount),
        MIXED: sum(loaded, (r) => r.mixedCount),
      },
      totals: {
        posts: sum(loaded, (r) => r.postCount),
        scored: sum(loaded, (r) => r.scoredCount),
        hoursLoaded: loaded.length,
      },
      latest: last
        ? {
            hour: hourKey(last.hourStart),
            lastClose:
              last.lastClose === null || last.lastCloseAt === null
                ? null
                : { close: last.lastClose, hour: hourKey(last.lastCloseAt) },
            changePct: last.changePct,
            sentiment: last.sentimentScore,
            label: last.sentimentLabel,
            posts: last.postCount,
            marketClosed: last.marketClosed,
          }
        : null,
      topPosts: posts
        .filter((p) => p.ticker === ticker)
        .map((p) => ({
          hour: hourKey(p.hourStart),
          text: p.text,
          likes: p.engagement.likes,
          reposts: p.engagement.reposts,
          replies: p.engagement.replies,
          // The scorer's most probable class can contradict the score; the hour's band keeps them together.
          label: p.sentimentScore === null ? null : labelOfScore(p.sentimentScore),
          score: p.sentimentScore,
        })),
    };
  });
  const first = hours[0];
  const last = hours.at(-1);
  return {
    from: first ? first.toISOString() : '',
    to: last ? new Date(last.getTime() + 3_600_000).toISOString() : '',
    generatedAt: generatedAt.toISOString(),
    panels,
  };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
