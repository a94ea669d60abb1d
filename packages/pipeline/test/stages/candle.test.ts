import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { YahooChartResponseSchema, type YahooChartResult } from '../../src/schemas/yahoo-chart.ts';
import { selectCandle } from '../../src/stages/candle.ts';

// Real recorded Yahoo responses; provenance in fixtures/SOURCE.md.
const chart = (name: string): YahooChartResult => {
  const response = YahooChartResponseSchema.parse(
    JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')),
  );
  return response.chart.result?.[0] as YahooChartResult;
};
const tsla = chart('chart-TSLA-30m-prepost-2021-11-22.json');
const hour = (iso: string) => new Date(iso);

describe('selectCandle', () => {
  it('builds the hour from the two 30m bars inside it (real TSLA bars)', () => {
    expect(selectCandle('TSLA', hour('2021-11-22T15:00Z'), tsla, '30m')).toEqual({
      status: 'traded',
      ticker: 'TSLA',
      hourStart: hour('2021-11-22T15:00Z'),
      open: 1185.6099853515625,
      high: 1201.949951171875,
      low: 1180.130126953125,
      close: 1192.689697265625,
      volume: 2456211 + 2828287,
      interval: '30m',
    });
  });

  it('ignores bars outside the hour', () => {
    const candle = selectCandle('TSLA', hour('2021-11-22T16:00Z'), tsla, '30m');
    expect(candle).toMatchObject({
      open: 1192.4599609375,
      close: 1151.3399658203125,
      volume: 1658839 + 3773485,
    });
  });

  it('reads an empty result as a closed market, not a failure (real weekend response)', () => {
    const weekend = chart('chart-AAPL-1m-2025-02-01-weekend-empty.json');
    expect(selectCandle('AAPL', hour('2025-02-01T15:00Z'), weekend, '30m')).toEqual({
      status: 'market_closed',
      ticker: 'AAPL',
      hourStart: hour('2025-02-01T15:00Z'),
    });
    expect(selectCandle('TSLA', hour('2021-11-23T03:00Z'), tsla, '30m').status).toBe('market_closed');
  });

  const bars = (startIso: string, rows: (number | null)[][]): YahooChartResult => ({
    meta: { symbol: 'X' },
    timestamp: rows.map((_, i) => Date.parse(startIso) / 1000 + i * (rows.length > 0 ? 1800 : 0)),
    indicators: {
      quote: [
        {
          open: rows.map((r) => r[0] ?? null),
          high: rows.map((r) => r[1] ?? null),
          low: rows.map((r) => r[2] ?? null),
          close: rows.map((r) => r[3] ?? null),
          volume: rows.map((r) => r[4] ?? null),
        },
      ],
    },
  });

  it('skips null bars instead of reading them as zero prices', () => {
    const withHole = bars('2024-10-02T14:00Z', [
      [100, 101, 99, 100.5, 10],
      [null, null, null, null, null],
    ]);
    expect(selectCandle('X', hour('2024-10-02T14:00Z'), withHole, '30m')).toMatchObject({
      open: 100,
      high: 101,
      low: 99,
      close: 100.5,
      volume: 10,
    });
  });

  it('falls back to overlapping 1h bars: the close is the last price known at or before the hour ends', () => {
    // Bars 13:30–14:30 and 14:30–15:30 overlap the hour 14:00–15:00 by half each.
    const hourly: YahooChartResult = {
      meta: { symbol: 'X' },
      timestamp: [Date.parse('2024-01-02T13:30Z') / 1000, Date.parse('2024-01-02T14:30Z') / 1000],
      indicators: {
        quote: [{ open: [10, 12], high: [13, 15], low: [9, 11], close: [12, 14], volume: [100, 300] }],
      },
    };
    expect(selectCandle('X', hour('2024-01-02T14:00Z'), hourly, '1h')).toEqual({
      status: 'traded',
      ticker: 'X',
      hourStart: hour('2024-01-02T14:00Z'),
      open: 12, // known at 14:30, the first price at or after 14:00
      high: 15,
      low: 9,
      close: 12, // both prices known at 14:30 agree; the 15:30 close comes after the hour
      volume: 200, // half of each bar
      interval: '1h',
    });
  });
});
