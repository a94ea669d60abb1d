import { sessionBarStarts } from '@stockpipe/shared';
import type { PriceSource, RawResponse } from '../ports.ts';
import type { BarInterval } from '../records.ts';
import { HOUR_MS } from '../time/hours.ts';
import { samplePrice } from './sample-market.ts';
import { seededRandom } from './seeded-random.ts';

const HALF_HOUR_MS = HOUR_MS / 2;

/**
 * Deterministic price bars shaped like Yahoo's v8 chart response (30m, regular session only), seeded by
 * ticker and hour. Like Yahoo it sends a bar either side of the asked window, and now and then a bar of nulls.
 */
export class SamplePriceSource implements PriceSource {
  readonly rawPrefix = 'sample/yahoo-chart';

  async fetchBars(ticker: string, hourStart: Date): Promise<RawResponse & { interval: BarInterval }> {
    const from = hourStart.getTime();
    const random = seededRandom(`${ticker}:bars:${from}`);
    const starts = sessionBarStarts(from - HALF_HOUR_MS, from + HOUR_MS + HALF_HOUR_MS);
    const quote = {
      open: [] as (number | null)[],
      high: [] as (number | null)[],
      low: [] as (number | null)[],
    };
    const close: (number | null)[] = [];
    const volume: (number | null)[] = [];
    for (const start of starts) {
      if (random.chance(0.03)) {
        for (const series of [quote.open, quote.high, quote.low, close, volume]) series.push(null);
        continue;
      }
      const open = samplePrice(ticker, start);
      const end = samplePrice(ticker, start + HALF_HOUR_MS);
      const spread = Math.max(open, end) * 0.002 * random.next();
      quote.open.push(open);
      close.push(end);
      quote.high.push(round(Math.max(open, end) + spread));
      quote.low.push(round(Math.min(open, end) - spread));
      volume.push(random.int(200_000, 2_500_000));
    }
    const result = {
      meta: {
        currency: 'USD',
        symbol: ticker,
        exchangeName: 'NMS',
        instrumentType: 'EQUITY',
        exchangeTimezoneName: 'America/New_York',
        dataGranularity: '30m',
        regularMarketPrice: samplePrice(ticker, from + HOUR_MS),
      },
      ...(starts.length > 0 ? { timestamp: starts.map((s) => s / 1000) } : {}),
      indicators: { quote: [starts.length > 0 ? { ...quote, close, volume } : {}] },
    };
    const body = JSON.stringify({ chart: { result: [result], error: null } });
    return { body: new TextEncoder().encode(body), contentType: 'application/json', interval: '30m' };
  }
}

function round(price: number): number {
  return Math.round(price * 100) / 100;
}
