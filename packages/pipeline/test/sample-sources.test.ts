import { HOUR_MS, XSearchResponseSchema, YahooChartResponseSchema } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { isRegularSession, lastTradingHour } from '../src/market-session.ts';
import { SamplePostSource } from '../src/sources/sample-post-source.ts';
import { SamplePriceSource } from '../src/sources/sample-price-source.ts';
import { selectCandle } from '../src/stages/candle.ts';
import { cleanText } from '../src/stages/clean.ts';

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
