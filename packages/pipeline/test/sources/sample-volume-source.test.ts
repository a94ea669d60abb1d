import { isRegularSession } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { SamplePostSource } from '../../src/sources/sample-post-source.ts';
import { SampleVolumeSource } from '../../src/sources/sample-volume-source.ts';
import { readCounts } from '../../src/stages/read-bodies.ts';
import { HOUR_MS } from '../../src/time/hours.ts';

const amazon = { ticker: 'AMZN', query: '#Amazon' };
const volumes = new SampleVolumeSource();
// Four weeks from Monday 2024-11-04 00:00 UTC: a week per request, as X counts at most.
const start = Date.UTC(2024, 10, 4);
const WEEK = 168 * HOUR_MS;

async function fourWeeks(entry = amazon): Promise<Map<number, number>> {
  const all = new Map<number, number>();
  for (let week = 0; week < 4; week++) {
    const from = new Date(start + week * WEEK);
    const to = new Date(from.getTime() + WEEK);
    const body = (await volumes.fetchCounts(entry, from, to)).body;
    for (const [hour, count] of readCounts(entry.ticker, new Date(to.getTime() - HOUR_MS), body))
      all.set(hour, count);
  }
  return all;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const newYork = (at: number): { weekday: string; hour: string } =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as { weekday: string; hour: string };

describe('SampleVolumeSource', () => {
  it('answers in the X v2 counts shape, a bucket per hour asked for, the total their sum, the same every time', async () => {
    const from = new Date(start);
    const to = new Date(start + 24 * HOUR_MS);
    const body = JSON.parse(new TextDecoder().decode((await volumes.fetchCounts(amazon, from, to)).body));
    expect(body.data).toHaveLength(24);
    expect(body.data[0]).toEqual({
      end: '2024-11-04T01:00:00.000Z',
      start: '2024-11-04T00:00:00.000Z',
      tweet_count: expect.any(Number),
    });
    expect(body.meta.total_tweet_count).toBe(
      body.data.reduce((sum: number, b: { tweet_count: number }) => sum + b.tweet_count, 0),
    );
    const again = JSON.parse(new TextDecoder().decode((await volumes.fetchCounts(amazon, from, to)).body));
    expect(again).toEqual(body);
  });

  it('counts hundreds to thousands of posts an hour: busier in the session, in New York’s afternoon, on weekdays', async () => {
    const counts = await fourWeeks();
    const hours = [...counts.entries()].filter(([, n]) => n > 0);
    const open = hours.filter(([at]) => isRegularSession(at + HOUR_MS / 2)).map(([, n]) => n);
    const weekdayNights = hours
      .filter(([at]) => !['Sat', 'Sun'].includes(newYork(at).weekday) && Number(newYork(at).hour) < 6)
      .map(([, n]) => n);
    const weekendAfternoons = hours
      .filter(([at]) => ['Sat', 'Sun'].includes(newYork(at).weekday) && Number(newYork(at).hour) >= 12)
      .map(([, n]) => n);
    expect(median(open)).toBeGreaterThan(500);
    expect(median(open)).toBeLessThan(3_000);
    expect(median(weekdayNights)).toBeGreaterThan(50);
    expect(median(open)).toBeGreaterThan(3 * median(weekdayNights));
    expect(median(weekendAfternoons)).toBeLessThan(median(open) / 2);
    // Occasional spikes: a few hours far above their neighbours' level.
    const spikes = open.filter((n) => n > 3 * median(open));
    expect(spikes.length).toBeGreaterThan(0);
    expect(spikes.length).toBeLessThan(open.length * 0.08);
  });

  it('agrees with the sample posts: a silent hour counts none, any other at least the posts its search finds', async () => {
    const counts = await fourWeeks();
    const posts = new SamplePostSource(100);
    let silent = 0;
    for (const [at, count] of [...counts.entries()].slice(0, 200)) {
      const found = JSON.parse(new TextDecoder().decode((await posts.fetchPosts(amazon, new Date(at))).body))
        .meta.result_count as number;
      if (found === 0) silent += 1;
      expect(found === 0 ? count === 0 : count >= found).toBe(true);
    }
    expect(silent).toBeGreaterThan(0);
    // Before X's first post, nothing is counted.
    const early = await volumes.fetchCounts(
      amazon,
      new Date('2006-03-20T00:00Z'),
      new Date('2006-03-21T00:00Z'),
    );
    expect(readCounts('AMZN', new Date('2006-03-20T23:00Z'), early.body)).toEqual(
      new Map(Array.from({ length: 24 }, (_, h) => [Date.UTC(2006, 2, 20, h), 0])),
    );
  });

  it('gives each ticker its own level of talk', async () => {
    const amzn = [...(await fourWeeks()).values()];
    const nvda = [...(await fourWeeks({ ticker: 'NVDA', query: '#Nvidia' })).values()];
    expect(median(amzn)).not.toBe(median(nvda));
  });
});
