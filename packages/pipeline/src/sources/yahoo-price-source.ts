import YahooFinance from 'yahoo-finance2';
import type { PriceSource, RawResponse } from '../ports.ts';
import type { BarInterval } from '../records.ts';
import { DAY_MS, HOUR_MS } from '../time/hours.ts';
import { BodyTooLarge, readCapped } from './capped-body.ts';

// Yahoo keeps 30-minute bars about 60 days and hourly bars about 730; a day's margin on each.
const THIRTY_MINUTE_REACH_DAYS = 59;
const HOURLY_REACH_DAYS = 729;

export interface YahooPriceSourceOptions {
  /** YAHOO_FINANCE_BASE_URL: every Yahoo host (query, cookie, consent) is rewritten to it. */
  baseUrl?: string;
  timeoutMs?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

/** 30-minute bars while Yahoo keeps them, hourly bars for older hours. */
export function barIntervalFor(hourStart: Date, now: Date): BarInterval {
  return now.getTime() - hourStart.getTime() < THIRTY_MINUTE_REACH_DAYS * DAY_MS ? '30m' : '1h';
}

/** `https://query2.finance.yahoo.com/v8/finance/chart/AMZN?x=1` → `<base>/v8/finance/chart/AMZN?x=1`. */
export function rewriteYahooUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const parsed = new URL(url);
  return `${baseUrl.replace(/\/+$/, '')}${parsed.pathname}${parsed.search}`;
}

const SILENT_LOGGER = { info() {}, warn() {}, error() {}, debug() {}, dir() {} };

/**
 * The hour's price bars from Yahoo Finance's chart API, through yahoo-finance2 with our own fetch: it captures the
 * chart body exactly as received (staged unchanged; the run validates it with the shared schema) and points every
 * request at YAHOO_FINANCE_BASE_URL when set.
 */
export class YahooPriceSource implements PriceSource {
  readonly rawPrefix = 'yahoo/chart';
  readonly #options: Required<Omit<YahooPriceSourceOptions, 'baseUrl'>> & { baseUrl?: string };

  constructor(options: YahooPriceSourceOptions = {}) {
    this.#options = { timeoutMs: 15_000, now: () => new Date(), fetch: globalThis.fetch, ...options };
  }

  async fetchBars(
    ticker: string,
    hourStart: Date,
    signal?: AbortSignal,
  ): Promise<RawResponse & { interval: BarInterval }> {
    const { baseUrl, timeoutMs, now } = this.#options;
    const interval = barIntervalFor(hourStart, now());
    let chart: { status: number; body: Uint8Array; contentType: string } | undefined;
    const capturingFetch: typeof fetch = async (input, init) => {
      const url = rewriteYahooUrl(String(input instanceof Request ? input.url : input), baseUrl);
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await this.#options.fetch(url, {
        ...init,
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      // Every body read whole within the deadline, and no further than a body may be: a flood stops at the cap.
      const body = await readCapped(response, 'Yahoo');
      if (!new URL(url).pathname.includes('/v8/finance/chart/'))
        return new Response(body, { status: response.status, headers: response.headers });
      chart = {
        status: response.status,
        body,
        contentType: response.headers.get('content-type') ?? 'application/json',
      };
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
    const yahoo = new YahooFinance({
      fetch: capturingFetch,
      versionCheck: false,
      suppressNotices: ['yahooSurvey', 'ripHistorical'],
      logger: SILENT_LOGGER,
      validation: { logErrors: false, logOptionsErrors: false },
    });
    // Hourly bars start at :30, so the one overlapping the hour's first half starts 30 minutes before it.
    const period1 = new Date(hourStart.getTime() - (interval === '1h' ? HOUR_MS / 2 : 0));
    const period2 = new Date(hourStart.getTime() + HOUR_MS);
    try {
      await yahoo.chart(
        ticker,
        { period1, period2, interval, includePrePost: false },
        { validateResult: false },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof BodyTooLarge) throw error;
      // A 200 whose body the library could not read is still staged; the run's own schema names what is wrong.
      if (chart?.status !== 200)
        throw new Error(this.#explain(ticker, hourStart, interval, error), { cause: error });
    }
    if (!chart) throw new Error('Yahoo sent no chart response');
    return { body: chart.body, contentType: chart.contentType, interval };
  }

  #explain(ticker: string, hourStart: Date, interval: BarInterval, error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === 'TimeoutError') {
      return `Yahoo did not answer within ${this.#options.timeoutMs / 1000} s`;
    }
    if (/no data found|delisted|not found/i.test(message)) {
      return `Yahoo knows no symbol ${ticker} (${message})`;
    }
    const age = (this.#options.now().getTime() - hourStart.getTime()) / DAY_MS;
    if (age > HOURLY_REACH_DAYS || /data not available|must be within/i.test(message)) {
      return `Yahoo keeps ${interval} bars for about ${interval === '30m' ? 60 : 730} days and ${hourStart.toISOString()} is ${Math.floor(age)} days old (Yahoo said: ${message})`;
    }
    return `Yahoo chart request failed: ${message}`;
  }
}
