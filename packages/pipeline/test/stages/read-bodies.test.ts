import { describe, expect, it } from 'vitest';
import { readChart, readPosts } from '../../src/stages/read-bodies.ts';

// #20.1: values are checked against what the tables hold and what is plausible, where one ticker-hour fails with the
// value named, rather than at the load, where PostgreSQL would refuse the batch.
const hour = new Date('2024-12-06T20:00Z');
const bytes = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));

const tweet = (over: Record<string, unknown> = {}, metrics: Record<string, number> = {}) => ({
  id: '1865000000000000001',
  text: 'AMZN up',
  created_at: '2024-12-06T20:05:00.000Z',
  public_metrics: { retweet_count: 1, reply_count: 2, like_count: 3, quote_count: 4, ...metrics },
  ...over,
});
const search = (...data: unknown[]) => bytes({ data, meta: { result_count: data.length } });

const chart = (quote: Record<string, (number | null)[]>, timestamp = [1733513400, 1733515200]) =>
  bytes({
    chart: {
      result: [
        { meta: { symbol: 'AMZN', dataGranularity: '30m' }, timestamp, indicators: { quote: [quote] } },
      ],
      error: null,
    },
  });
const prices = (over: Record<string, (number | null)[]> = {}) => ({
  open: [227, 228],
  high: [228, 229],
  low: [226, 227],
  close: [228, 228.5],
  volume: [1000, 2000],
  ...over,
});

describe('#20.1 reading a body checks its values', () => {
  it('reads posts created in the hour with counts an integer column holds', () => {
    expect(readPosts('AMZN', hour, search(tweet())).map((p) => p.engagement.likes)).toEqual([3]);
  });

  it('refuses a count beyond an integer column, naming the post and the field', () => {
    expect(() => readPosts('NVDA', hour, search(tweet({}, { like_count: 3_000_000_000 })))).toThrow(
      /NVDA posts response: post 1865000000000000001 has like_count 3000000000, more than the warehouse holds/,
    );
  });

  it('refuses a post dated outside the hour it was asked for', () => {
    for (const created_at of ['2024-12-06T19:59:59.000Z', '2024-12-06T21:00:00.000Z', '1999-01-01T00:00:00Z'])
      expect(() => readPosts('AMZN', hour, search(tweet({ created_at })))).toThrow(
        /outside the hour 2024-12-06T20:00Z/,
      );
  });

  it('reads bars with plausible prices and volumes into the candle', () => {
    expect(readChart('AMZN', hour, chart(prices()))).toMatchObject({ status: 'traded', close: 228.5 });
  });

  it('refuses a negative volume, a negative price and a price beyond numeric(14, 4), naming each', () => {
    expect(() => readChart('MSFT', hour, chart(prices({ volume: [-1e20, 5] })))).toThrow(
      /MSFT chart response: volume -100000000000000000000 of the bar of 2024-12-06T19:30:00.000Z is negative/,
    );
    expect(() => readChart('AMZN', hour, chart(prices({ low: [-3, 226] })))).toThrow(/low -3 .* is negative/);
    expect(() => readChart('TSLA', hour, chart(prices({ close: [2e10, 228] })))).toThrow(
      /TSLA chart response: close 20000000000 .* beyond what the warehouse holds/,
    );
  });

  it('takes a hole (null) as a hole, not as a bad value', () => {
    expect(
      readChart('AMZN', hour, chart(prices({ close: [null, 228.5], volume: [null, 10] }))),
    ).toMatchObject({
      status: 'traded',
    });
  });
});
