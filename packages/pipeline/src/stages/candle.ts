import type { BarInterval, Candle } from '../records.ts';
import type { YahooChartResult } from '../schemas/yahoo-chart.ts';
import { HOUR_MS } from '../time/hours.ts';

const INTERVAL_MS: Record<BarInterval, number> = { '30m': HOUR_MS / 2, '1h': HOUR_MS };

interface PricePoint {
  at: number;
  price: number;
}

/**
 * The candle of [H, H+1h) from Yahoo bars. US equity bars start at :30, so no 1h bar starts on a UTC hour:
 * with 30m bars only those inside the hour count; with 1h bars (older hours) those overlapping it do, and their
 * volume counts by the share of the bar inside the hour. Each bar gives two known prices, its open at its start
 * and its close at its end; the hour's close is the last known price at or before H+1h, its open the first at or
 * after H. Null entries are holes, not zeros. No usable bar means the market was closed.
 */
export function selectCandle(
  ticker: string,
  hourStart: Date,
  chart: YahooChartResult,
  interval: BarInterval,
): Candle {
  const from = hourStart.getTime();
  const to = from + HOUR_MS;
  const barMs = INTERVAL_MS[interval];
  const quote = chart.indicators.quote[0];
  const points: PricePoint[] = [];
  let high = Number.NEGATIVE_INFINITY;
  let low = Number.POSITIVE_INFINITY;
  let volume = 0;

  (chart.timestamp ?? []).forEach((seconds, i) => {
    const start = seconds * 1000;
    const end = start + barMs;
    const inside = interval === '30m' ? start >= from && end <= to : start < to && end > from;
    if (!inside) return;
    const open = quote?.open?.[i] ?? null;
    const close = quote?.close?.[i] ?? null;
    if (open !== null) points.push({ at: start, price: open });
    if (close !== null) points.push({ at: end, price: close });
    for (const value of [open, close, quote?.high?.[i] ?? null, quote?.low?.[i] ?? null]) {
      if (value === null) continue;
      high = Math.max(high, value);
      low = Math.min(low, value);
    }
    const overlap = (Math.min(end, to) - Math.max(start, from)) / barMs;
    volume += (quote?.volume?.[i] ?? 0) * overlap;
  });

  const known = points.filter((p) => p.at <= to).sort((a, b) => a.at - b.at);
  const last = known.at(-1);
  const first = known.find((p) => p.at >= from) ?? known[0];
  if (!first || !last) return { status: 'market_closed', ticker, hourStart };
  return {
    status: 'traded',
    ticker,
    hourStart,
    open: first.price,
    high,
    low,
    close: last.price,
    volume: Math.round(volume),
    interval,
  };
}
