import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XCountsResponseSchema } from '../../src/schemas/x-counts.ts';
import { readCounts } from '../../src/stages/read-bodies.ts';

// A real recorded counts response (full-archive, by day: the same schema as recent counts); provenance in
// fixtures/SOURCE.md.
const recorded = readFileSync(new URL('../fixtures/x-counts-all-day-2021-06-24.json', import.meta.url));
const bytes = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const bucket = (start: string, end: string, count: number) => ({ end, start, tweet_count: count });
const last = new Date('2026-11-28T16:00Z');

describe('reading an X counts body', () => {
  it('reads the recorded shape: buckets of start, end and tweet_count, and their total', () => {
    const counts = XCountsResponseSchema.parse(JSON.parse(recorded.toString('utf8')));
    expect(counts.data?.map((b) => b.tweet_count)).toEqual([26, 14, 8]);
    expect(counts.meta.total_tweet_count).toBe(48);
  });

  it('counts each whole hour by its start, up to the last hour asked for', () => {
    const body = bytes({
      data: [
        bucket('2026-11-28T15:00:00.000Z', '2026-11-28T16:00:00.000Z', 412),
        bucket('2026-11-28T16:00:00.000Z', '2026-11-28T17:00:00.000Z', 0),
      ],
      meta: { total_tweet_count: 412 },
    });
    expect(readCounts('AMZN', last, body)).toEqual(
      new Map([
        [Date.parse('2026-11-28T15:00Z'), 412],
        [Date.parse('2026-11-28T16:00Z'), 0],
      ]),
    );
  });

  it('reads no hour from a body without buckets', () => {
    expect(readCounts('AMZN', last, bytes({ meta: { total_tweet_count: 0 } })).size).toBe(0);
  });

  it('refuses buckets that are not whole hours: the recorded day buckets, a half hour', () => {
    expect(() => readCounts('AMZN', new Date('2021-03-03T23:00Z'), recorded)).toThrow(
      /AMZN counts response: the bucket 2021-03-01T00:00:00.000Z – 2021-03-02T00:00:00.000Z is not a whole hour/,
    );
    const half = bytes({
      data: [bucket('2026-11-28T15:30:00.000Z', '2026-11-28T16:30:00.000Z', 3)],
      meta: { total_tweet_count: 3 },
    });
    expect(() => readCounts('AMZN', last, half)).toThrow(/is not a whole hour/);
  });

  it('refuses a bucket after the last hour asked for: that hour was not over when counted', () => {
    const body = bytes({
      data: [bucket('2026-11-28T17:00:00.000Z', '2026-11-28T18:00:00.000Z', 5)],
      meta: { total_tweet_count: 5 },
    });
    expect(() => readCounts('AMZN', last, body)).toThrow(
      /the bucket 2026-11-28T17:00:00.000Z – 2026-11-28T18:00:00.000Z is after 2026-11-28T16:00Z, the last hour asked for/,
    );
  });

  it('refuses counts the warehouse’s integer column cannot hold, and counts that are not counts', () => {
    const huge = bytes({
      data: [bucket('2026-11-28T16:00:00.000Z', '2026-11-28T17:00:00.000Z', 2 ** 31)],
      meta: { total_tweet_count: 2 ** 31 },
    });
    expect(() => readCounts('AMZN', last, huge)).toThrow(
      /counts 2147483648 posts, more than the warehouse holds/,
    );
    const negative = bytes({
      data: [bucket('2026-11-28T16:00:00.000Z', '2026-11-28T17:00:00.000Z', -1)],
      meta: { total_tweet_count: 0 },
    });
    expect(() => readCounts('AMZN', last, negative)).toThrow(
      /did not match the expected shape: data.0.tweet_count/,
    );
    expect(() => readCounts('AMZN', last, bytes({ data: [] }))).toThrow(/meta: /);
    expect(() => readCounts('AMZN', last, new TextEncoder().encode('<html>'))).toThrow(/is not JSON/);
  });
});
