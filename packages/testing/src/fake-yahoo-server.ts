import { isRegularSession } from '@stockpipe/shared';
import { json } from './fake-x-server.ts';
import { type FakeServer, startFakeServer } from './http-fake.ts';

const KNOWN: Record<string, number> = {
  AMZN: 227.03,
  AAPL: 242.84,
  MSFT: 443.57,
  TSLA: 389.22,
  NVDA: 142.44,
};

/**
 * A local Yahoo Finance answering the v8 chart API like Yahoo: `chart.result[0]` with `meta`, `timestamp` and
 * `indicators.quote[0]` (shape of the yahoo-finance2 recordings in the shared fixtures), bars of the regular session
 * only, each starting at :00 or :30, an empty result when the market is closed, and Yahoo's 404 body for an
 * unknown symbol. The cookie and crumb endpoints answer too.
 */
const HOUR_MS = 3_600_000;

export function startFakeYahooServer(): Promise<FakeServer> {
  return startFakeServer((url) => {
    if (url.pathname === '/v1/test/getcrumb')
      return { status: 200, body: 'fakeCrumb', headers: { 'content-type': 'text/plain' } };
    const symbol = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname)?.[1];
    if (!symbol)
      return {
        status: 200,
        body: '<html></html>',
        headers: { 'content-type': 'text/html', 'set-cookie': 'A3=d=fake; Path=/' },
      };
    const base = KNOWN[symbol];
    if (base === undefined) {
      return json(404, {
        chart: {
          result: null,
          error: { code: 'Not Found', description: 'No data found, symbol may be delisted' },
        },
      });
    }
    const period1 = Number(url.searchParams.get('period1')) * 1000;
    const period2 = Number(url.searchParams.get('period2')) * 1000;
    const interval = url.searchParams.get('interval') ?? '1d';
    const step = interval === '30m' ? HOUR_MS / 2 : HOUR_MS;
    // Bars start on the session's grid (hourly bars at :30, from the 09:30 open); Yahoo answers those starting
    // inside [period1, period2).
    const offset = step === HOUR_MS ? HOUR_MS / 2 : 0;
    const starts: number[] = [];
    for (let at = Math.ceil((period1 - offset) / step) * step + offset; at < period2; at += step) {
      if (isRegularSession(at)) starts.push(at);
    }
    const price = (at: number) => Math.round(base * (1 + 0.01 * Math.sin(at / 5_000_000)) * 100) / 100;
    const quote = {
      open: starts.map((s) => price(s)),
      high: starts.map((s) => Math.max(price(s), price(s + step)) + 0.25),
      low: starts.map((s) => Math.min(price(s), price(s + step)) - 0.25),
      close: starts.map((s) => price(s + step)),
      volume: starts.map((_, i) => 1_000_000 + i * 12_345),
    };
    return json(200, {
      chart: {
        result: [
          {
            meta: {
              currency: 'USD',
              symbol,
              exchangeName: 'NMS',
              fullExchangeName: 'NasdaqGS',
              instrumentType: 'EQUITY',
              firstTradeDate: 863703000,
              regularMarketTime: Math.floor(period2 / 1000),
              hasPrePostMarketData: true,
              gmtoffset: -18000,
              timezone: 'EST',
              exchangeTimezoneName: 'America/New_York',
              regularMarketPrice: price(period2),
              chartPreviousClose: price(period1),
              priceHint: 2,
              currentTradingPeriod: {
                pre: { timezone: 'EST', start: period1 / 1000, end: period1 / 1000, gmtoffset: -18000 },
                regular: { timezone: 'EST', start: period1 / 1000, end: period2 / 1000, gmtoffset: -18000 },
                post: { timezone: 'EST', start: period2 / 1000, end: period2 / 1000, gmtoffset: -18000 },
              },
              dataGranularity: interval,
              range: '',
              validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
            },
            ...(starts.length ? { timestamp: starts.map((s) => s / 1000) } : {}),
            indicators: { quote: [starts.length ? quote : {}] },
          },
        ],
        error: null,
      },
    });
  });
}
