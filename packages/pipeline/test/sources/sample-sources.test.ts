import { isRegularSession, lastTradingHour, previousSession, sessionAtOrBefore } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { XSearchResponseSchema } from '../../src/schemas/x-search.ts';
import { YahooChartResponseSchema } from '../../src/schemas/yahoo-chart.ts';
import { SamplePostSource } from '../../src/sources/sample-post-source.ts';
import { SamplePriceSource } from '../../src/sources/sample-price-source.ts';
import { selectCandle } from '../../src/stages/candle.ts';
import { cleanText } from '../../src/stages/clean.ts';
import { HOUR_MS } from '../../src/time/hours.ts';

const decode = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body));
const amazon = { ticker: 'AMZN', query: '#Amazon' };
const posts = new SamplePostSource(10);
const prices = new SamplePriceSource();
// A Friday, 24 hours from 00:00 UTC: New York trades 14:30–21:00 UTC.
const friday = Array.from({ length: 24 }, (_, h) => new Date(Date.UTC(2024, 11, 6, h)));

describe('sample sources', () => {
  it('are deterministic per ticker and hour, and differ between hours and tickers', async () => {
    const [a, b] = [
      await posts.fetchPosts(amazon, friday[15] as Date),
      await posts.fetchPosts(amazon, friday[15] as Date),
    ];
    expect(Buffer.from(a.body).equals(Buffer.from(b.body))).toBe(true);
    const other = await posts.fetchPosts(amazon, friday[16] as Date);
    const apple = await posts.fetchPosts({ ticker: 'AAPL', query: '#Apple' }, friday[15] as Date);
    expect(Buffer.from(other.body).equals(Buffer.from(a.body))).toBe(false);
    expect(Buffer.from(apple.body).equals(Buffer.from(a.body))).toBe(false);
  });

  it('answer in the X v2 search shape, with the variety real posts have', async () => {
    const tweets = [];
    for (let day = 0; day < 7; day++) {
      for (const hour of friday) {
        const response = XSearchResponseSchema.parse(
          decode((await posts.fetchPosts(amazon, new Date(hour.getTime() + day * 24 * HOUR_MS))).body),
        );
        expect(response.meta.result_count).toBe(response.data?.length ?? 0);
        expect(response.meta.result_count).toBeLessThanOrEqual(10);
        for (const tweet of response.data ?? []) {
          const created = Date.parse(tweet.created_at) - hour.getTime() - day * 24 * HOUR_MS;
          expect(created >= 0 && created < HOUR_MS).toBe(true);
        }
        tweets.push(...(response.data ?? []));
      }
    }
    const texts = tweets.map((t) => t.text);
    expect(new Set(tweets.map((t) => t.lang))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(new Set(tweets.map((t) => t.lang)).size).toBeGreaterThanOrEqual(5);
    expect(texts.some((t) => /&amp;|&gt;|&#39;/.test(t))).toBe(true);
    expect(texts.some((t) => /https:\/\/t\.co\//.test(t))).toBe(true);
    expect(texts.some((t) => /\p{Extended_Pictographic}/u.test(t))).toBe(true);
    expect(texts.some((t) => cleanText(t) === '')).toBe(true);
    expect(tweets.some((t) => t.public_metrics.like_count > 100)).toBe(true);
  });

  it('price bars in the Yahoo chart shape: trading hours traded, nights closed, a continuous walk', async () => {
    const candles = [];
    for (const hour of friday) {
      const raw = await prices.fetchBars('AMZN', hour);
      const result = YahooChartResponseSchema.parse(decode(raw.body)).chart.result?.[0];
      if (!result) throw new Error('no result');
      candles.push(selectCandle('AMZN', hour, result, raw.interval));
    }
    const traded = candles.flatMap((c) => (c.status === 'traded' ? [c] : []));
    expect(candles.map((c) => c.status === 'traded')).toEqual(
      friday.map((h) => isRegularSession(h.getTime()) || isRegularSession(h.getTime() + HOUR_MS / 2)),
    );
    expect(traded.length).toBeGreaterThanOrEqual(6);
    for (const c of traded) {
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.close).toBeGreaterThan(100);
    }
    // Hour to hour the price moves like a stock, not like noise.
    for (let i = 1; i < traded.length; i++) {
      const previous = traded[i - 1]?.close as number;
      expect(Math.abs((traded[i]?.close as number) / previous - 1)).toBeLessThan(0.05);
    }
  });

  it("open each trading day at the previous session's close, over nights, weekends, holidays and early closes", async () => {
    const bar = async (ticker: string, start: number) => {
      const raw = await prices.fetchBars(ticker, new Date(Math.floor(start / HOUR_MS) * HOUR_MS));
      const result = YahooChartResponseSchema.parse(decode(raw.body)).chart.result?.[0];
      const i = result?.timestamp?.indexOf(start / 1000) ?? -1;
      const quote = result?.indicators.quote[0];
      return { open: quote?.open?.[i] ?? null, close: quote?.close?.[i] ?? null };
    };
    const days = [
      '2024-12-03', // after an ordinary night
      '2024-12-09', // after a weekend
      '2024-11-29', // after Thanksgiving, itself an early close
      '2024-12-02', // after that early close and a weekend
      '2025-04-21', // after Good Friday and a weekend
      '2024-12-06', // the demo's Friday
    ];
    let compared = 0;
    for (const day of days) {
      const session = sessionAtOrBefore(Date.parse(`${day}T23:00Z`));
      const before = previousSession(day);
      for (const ticker of ['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA']) {
        const { open } = await bar(ticker, session.open);
        const { close } = await bar(ticker, before.close - HOUR_MS / 2);
        if (open === null || close === null) continue; // now and then a bar of nulls, as Yahoo sends
        expect([day, ticker, open]).toEqual([day, ticker, close]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });

  it('price bars know holidays and early closes', async () => {
    const candles = async (day: string) => {
      const out = [];
      for (let h = 0; h < 24; h++) {
        const hour = new Date(Date.parse(`${day}T00:00Z`) + h * HOUR_MS);
        const raw = await prices.fetchBars('MSFT', hour);
        const result = YahooChartResponseSchema.parse(decode(raw.body)).chart.result?.[0];
        if (!result) throw new Error('no result');
        out.push(selectCandle('MSFT', hour, result, raw.interval).status);
      }
      return out;
    };
    expect(await candles('2024-11-28')).toEqual(Array(24).fill('market_closed')); // Thanksgiving
    const blackFriday = await candles('2024-11-29'); // closes 13:00 New York, 18:00 UTC
    expect(blackFriday.slice(14, 18)).toEqual(Array(4).fill('traded'));
    expect(blackFriday.slice(18)).toEqual(Array(6).fill('market_closed'));
  });

  it("answer for hours before X's snowflake ids (2010-11-04), and have no posts before X's first", async () => {
    for (const hour of ['2009-06-01T15:00Z', '2010-11-04T01:00Z', '2006-03-21T20:00Z']) {
      const response = XSearchResponseSchema.parse(
        decode((await posts.fetchPosts(amazon, new Date(hour))).body),
      );
      expect([hour, response.meta.result_count > 0]).toEqual([hour, true]);
      for (const tweet of response.data ?? [])
        expect(Date.parse(tweet.created_at)).toBeGreaterThanOrEqual(Date.parse(hour));
    }
    const before = decode((await posts.fetchPosts(amazon, new Date('2005-06-01T15:00Z'))).body);
    expect(before).toEqual({ meta: { result_count: 0 } });
  });

  it('know the New York session across daylight saving', () => {
    expect(isRegularSession(Date.parse('2024-07-01T13:30Z'))).toBe(true); // 09:30 EDT
    expect(isRegularSession(Date.parse('2024-12-02T13:30Z'))).toBe(false); // 08:30 EST
    expect(isRegularSession(Date.parse('2024-12-02T14:30Z'))).toBe(true); // 09:30 EST
    expect(isRegularSession(Date.parse('2024-12-07T15:00Z'))).toBe(false); // Saturday
  });

  it('find the last trading hour before a weekend', () => {
    expect(lastTradingHour(new Date('2024-12-08T12:00Z')).toISOString()).toBe('2024-12-06T20:00:00.000Z');
    expect(lastTradingHour(new Date('2024-12-06T15:00Z')).toISOString()).toBe('2024-12-06T15:00:00.000Z');
  });
});
