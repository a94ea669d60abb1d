import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XSearchResponseSchema } from '../../src/schemas/x-search.ts';
import { YahooChartResponseSchema } from '../../src/schemas/yahoo-chart.ts';

// Real recorded responses; provenance in fixtures/SOURCE.md.
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

describe('schemas of what the APIs send', () => {
  it('reads a real X v2 search response', () => {
    const response = XSearchResponseSchema.parse(
      fixture('x-search-all-public-metrics-includes-users-2021-07-04.json'),
    );
    expect(response.meta.result_count).toBe(15);
    expect(response.data?.[0]).toMatchObject({
      id: '1403438596695134209',
      lang: 'de',
      author_id: '14451880',
    });
    expect(response.data?.[0]?.public_metrics.reply_count).toBe(2);
  });

  it('reads an X response with no posts: zero results is a valid hour', () => {
    expect(XSearchResponseSchema.parse({ meta: { result_count: 0 } }).data).toBeUndefined();
  });

  it('names the field when a post lacks what we read', () => {
    const result = XSearchResponseSchema.safeParse({
      data: [{ id: '1', text: 'hi', created_at: '2024-01-01T00:00:00Z' }],
      meta: { result_count: 1 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['data', 0, 'public_metrics']);
  });

  it('reads real Yahoo charts: 30m bars, an empty weekend, a null bar', () => {
    const tsla = YahooChartResponseSchema.parse(fixture('chart-TSLA-30m-prepost-2021-11-22.json'));
    expect(tsla.chart.result?.[0]?.timestamp).toHaveLength(30);
    const weekend = YahooChartResponseSchema.parse(fixture('chart-AAPL-1m-2025-02-01-weekend-empty.json'));
    expect(weekend.chart.result?.[0]?.timestamp).toBeUndefined();
    const withNull = YahooChartResponseSchema.parse(fixture('chart-AAPL-1m-2024-10-02-with-null-bar.json'));
    expect(withNull.chart.result?.[0]?.indicators.quote[0]?.close?.[105]).toBeNull();
  });
});
