import type { Candle, HourSummary, RowSource, WarehouseRow } from '../records.ts';

/** Sentiment, price and post volume of the same ticker-hour, side by side: one warehouse row. */
export function joinHour(
  summary: HourSummary,
  candle: Candle,
  postVolume: number | null,
  runId: string,
  source: RowSource,
): WarehouseRow {
  if (summary.ticker !== candle.ticker || summary.hourStart.getTime() !== candle.hourStart.getTime()) {
    throw new Error(
      `cannot join ${summary.ticker}@${summary.hourStart.toISOString()} with ${candle.ticker}@${candle.hourStart.toISOString()}`,
    );
  }
  const traded = candle.status === 'traded' ? candle : null;
  return {
    ticker: summary.ticker,
    hourStart: summary.hourStart,
    postCount: summary.postCount,
    scoredCount: summary.scoredCount,
    sentimentScore: summary.score,
    sentimentLabel: summary.label,
    majorityLabel: summary.majorityLabel,
    sentimentWeight: summary.sentimentWeight,
    postVolume,
    positiveCount: summary.labelCounts.POSITIVE,
    negativeCount: summary.labelCounts.NEGATIVE,
    neutralCount: summary.labelCounts.NEUTRAL,
    mixedCount: summary.labelCounts.MIXED,
    marketClosed: candle.status === 'market_closed',
    open: traded?.open ?? null,
    high: traded?.high ?? null,
    low: traded?.low ?? null,
    close: traded?.close ?? null,
    volume: traded?.volume ?? null,
    candleInterval: traded?.interval ?? null,
    runId,
    source,
  };
}
