import { drip, type FakeServer, oversize, startFakeYahooServer } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YahooChartResponseSchema } from '../../src/schemas/yahoo-chart.ts';
import { barIntervalFor, rewriteYahooUrl, YahooPriceSource } from '../../src/sources/yahoo-price-source.ts';
import { selectCandle } from '../../src/stages/candle.ts';
import { parseRaw } from '../../src/stages/parse-raw.ts';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeYahooServer();
});
afterAll(() => server.close());

const friday = new Date('2026-11-20T19:00Z'); // 14:00 in New York
const now = new Date('2026-11-28T12:00Z');
const yahoo = (over: { now?: Date; timeoutMs?: number } = {}) =>
  new YahooPriceSource({
    baseUrl: server.url,
    now: () => over.now ?? now,
    timeoutMs: over.timeoutMs ?? 5_000,
  });
const candleOf = async (source: YahooPriceSource, ticker: string, hour: Date) => {
  const raw = await source.fetchBars(ticker, hour);
  const chart = parseRaw(YahooChartResponseSchema, raw.body, 'chart');
  return { raw, candle: selectCandle(ticker, hour, chart.chart.result?.[0] as never, raw.interval) };
};

describe('barIntervalFor and rewriteYahooUrl', () => {
  it('uses 30m bars while Yahoo keeps them (about 60 days), 1h bars after', () => {
    expect(barIntervalFor(new Date('2026-10-01T15:00Z'), now)).toBe('30m');
    expect(barIntervalFor(new Date('2026-09-01T15:00Z'), now)).toBe('1h');
  });

  it('points every Yahoo host at the override, keeping path and query', () => {
    expect(
      rewriteYahooUrl(
        'https://query2.finance.yahoo.com/v8/finance/chart/AMZN?a=1&b=2',
        'http://127.0.0.1:8/',
      ),
    ).toBe('http://127.0.0.1:8/v8/finance/chart/AMZN?a=1&b=2');
    expect(rewriteYahooUrl('https://fc.yahoo.com/', 'http://proxy')).toBe('http://proxy/');
    expect(rewriteYahooUrl('https://query1.finance.yahoo.com/x', undefined)).toBe(
      'https://query1.finance.yahoo.com/x',
    );
  });
});

describe('YahooPriceSource against a local Yahoo', () => {
  it('builds a recent hour from the two 30m bars inside it', async () => {
    const { raw, candle } = await candleOf(yahoo(), 'AMZN', friday);
    const request = server.requests.at(-1)?.url as URL;
    expect(request.pathname).toBe('/v8/finance/chart/AMZN');
    expect(Object.fromEntries(request.searchParams)).toMatchObject({
      interval: '30m',
      period1: String(friday.getTime() / 1000),
      period2: String(friday.getTime() / 1000 + 3600),
      includePrePost: 'false',
    });
    expect(raw.interval).toBe('30m');
    expect(candle).toMatchObject({ status: 'traded', interval: '30m', volume: 1_000_000 + 1_012_345 });
  });

  it('falls back to the overlapping 1h bars for an older hour, and records it', async () => {
    const { candle } = await candleOf(yahoo({ now: new Date('2027-03-01T00:00Z') }), 'AMZN', friday);
    const request = server.requests.at(-1)?.url as URL;
    expect(request.searchParams.get('interval')).toBe('1h');
    expect(request.searchParams.get('period1')).toBe(String(friday.getTime() / 1000 - 1800));
    expect(candle).toMatchObject({ status: 'traded', interval: '1h' });
  });

  it('reads a closed market as closed, not as a failure', async () => {
    const { candle } = await candleOf(yahoo(), 'AMZN', new Date('2026-11-21T15:00Z')); // a Saturday
    expect(candle.status).toBe('market_closed');
  });

  it('hands back the body exactly as received, even when the library could not read it', async () => {
    const odd =
      '{"chart":{"result":[{"meta":{"symbol":"AMZN"},"timestamp":[1763665200],"indicators":{}}],"error":null}}';
    server.enqueue({ status: 200, body: odd });
    const raw = await yahoo().fetchBars('AMZN', friday);
    expect(new TextDecoder().decode(raw.body)).toBe(odd);
    expect(() => parseRaw(YahooChartResponseSchema, raw.body, 'AMZN chart response')).toThrow(
      /AMZN chart response did not match the expected shape: chart\.result\.0\.indicators\.quote/,
    );
  });

  it('ignores null bars and bars outside the hour', async () => {
    const t = friday.getTime() / 1000;
    server.enqueue({
      status: 200,
      body: JSON.stringify({
        chart: {
          result: [
            {
              meta: { symbol: 'AMZN', dataGranularity: '30m' },
              timestamp: [t - 1800, t, t + 1800, t + 3600],
              indicators: {
                quote: [
                  {
                    open: [1, 10, null, 99],
                    high: [1, 12, null, 99],
                    low: [1, 9, null, 99],
                    close: [1, 11, null, 99],
                    volume: [5, 100, null, 5],
                  },
                ],
              },
            },
          ],
          error: null,
        },
      }),
    });
    const { candle } = await candleOf(yahoo(), 'AMZN', friday);
    expect(candle).toMatchObject({ open: 10, high: 12, low: 9, close: 11, volume: 100 });
  });

  it('names a symbol Yahoo does not know', async () => {
    await expect(yahoo().fetchBars('NOPE', friday)).rejects.toThrow(
      'Yahoo knows no symbol NOPE (No data found, symbol may be delisted)',
    );
  });

  it('explains Yahoo’s refusal of an hour older than it keeps', async () => {
    server.enqueue({
      status: 422,
      body: JSON.stringify({
        chart: {
          result: null,
          error: {
            code: 'Unprocessable Entity',
            description:
              '1h data not available for startTime=1600000000 and endTime=1600003600. The requested range must be within the last 730 days.',
          },
        },
      }),
    });
    await expect(yahoo().fetchBars('AMZN', new Date('2020-09-13T12:00Z'))).rejects.toThrow(
      /Yahoo keeps 1h bars for about 730 days and 2020-09-13T12:00:00.000Z is \d+ days old \(Yahoo said: 1h data not available/,
    );
  });

  it('gives up on a request that takes too long', async () => {
    server.enqueue({ status: 200, body: '{}', delayMs: 2_000 });
    await expect(yahoo({ timeoutMs: 200 }).fetchBars('AMZN', friday)).rejects.toThrow(
      'Yahoo did not answer within 0.2 s',
    );
  });

  it('#20.2 gives up on an answer that drips, its whole body bounded by the same deadline', async () => {
    const stop = server.hostile((url) => url.pathname.includes('/chart/'), drip({ everyMs: 100 }));
    try {
      await expect(yahoo({ timeoutMs: 500 }).fetchBars('AMZN', friday)).rejects.toThrow(
        'Yahoo did not answer within 0.5 s',
      );
    } finally {
      stop();
    }
  });

  it('#20.6 stops reading an answer larger than a body may be, and says so', async () => {
    const stop = server.hostile((url) => url.pathname.includes('/chart/'), oversize(50 * 1024 * 1024));
    try {
      await expect(yahoo().fetchBars('AMZN', friday)).rejects.toThrow(/^Yahoo sent more than 4 MB/);
    } finally {
      stop();
    }
  });
});
