import { describe, expect, it } from 'vitest';
import type { Candle, HourSummary } from '../../src/records.ts';
import { joinHour } from '../../src/stages/join.ts';

const hour = new Date('2024-12-06T15:00Z');
const summary: HourSummary = {
  ticker: 'AMZN',
  hourStart: hour,
  postCount: 4,
  scoredCount: 3,
  score: 0.25,
  label: 'NEUTRAL',
  majorityLabel: 'POSITIVE',
  labelCounts: { POSITIVE: 2, NEGATIVE: 1, NEUTRAL: 0, MIXED: 0 },
  sentimentWeight: 4.5,
};

describe('joinHour', () => {
  it('puts the hour sentiment beside its candle and its post volume', () => {
    const candle: Candle = {
      status: 'traded',
      ticker: 'AMZN',
      hourStart: hour,
      open: 220,
      high: 223,
      low: 219,
      close: 222.5,
      volume: 1000,
      interval: '30m',
    };
    expect(joinHour(summary, candle, 1_234, 'run-1', 'live')).toEqual({
      ticker: 'AMZN',
      hourStart: hour,
      postCount: 4,
      scoredCount: 3,
      sentimentScore: 0.25,
      sentimentLabel: 'NEUTRAL',
      majorityLabel: 'POSITIVE',
      sentimentWeight: 4.5,
      postVolume: 1_234,
      positiveCount: 2,
      negativeCount: 1,
      neutralCount: 0,
      mixedCount: 0,
      marketClosed: false,
      open: 220,
      high: 223,
      low: 219,
      close: 222.5,
      volume: 1000,
      candleInterval: '30m',
      runId: 'run-1',
      source: 'live',
    });
  });

  it('keeps a closed-market hour with its sentiment and no price', () => {
    const row = joinHour(
      summary,
      { status: 'market_closed', ticker: 'AMZN', hourStart: hour },
      null,
      'run-1',
      'sample',
    );
    expect(row).toMatchObject({
      postVolume: null,
      marketClosed: true,
      open: null,
      close: null,
      volume: null,
      sentimentScore: 0.25,
    });
  });

  it('refuses to join different ticker-hours', () => {
    expect(() =>
      joinHour(
        summary,
        { status: 'market_closed', ticker: 'MSFT', hourStart: hour },
        null,
        'run-1',
        'sample',
      ),
    ).toThrow(/cannot join AMZN/);
  });
});
