import type { FakeAnswer } from './http-fake.ts';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/**
 * GET /2/tweets/counts/recent as X answers it with granularity=hour: a bucket per hour of [start_time, end_time),
 * its keys `end`, `start`, `tweet_count` in that order, and `meta.total_tweet_count`, the shape of the recorded counts
 * responses of cjbarrie/academictwitteR (packages/pipeline/test/fixtures/x-counts-all-day-2021-06-24.json). Like X,
 * it counts the last 7 days only and no hour that is not over 10 s before it is asked (`now`), and refuses a
 * request for more with X's invalid-request problem. A query for #Quiet counts nothing; any other a few hundred an
 * hour, the same every time.
 */
export function xCountsAnswer(url: URL, now: Date): FakeAnswer {
  const start = Date.parse(url.searchParams.get('start_time') ?? '');
  const end = Date.parse(url.searchParams.get('end_time') ?? '');
  const granularity = url.searchParams.get('granularity') ?? 'hour';
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start)
    return invalid('start_time', url, 'start_time must be before end_time');
  if (start < now.getTime() - WEEK_MS)
    return invalid(
      'start_time',
      url,
      `'start_time' must be on or after ${new Date(now.getTime() - WEEK_MS).toISOString()}`,
    );
  if (end > now.getTime() - 10_000)
    return invalid('end_time', url, "'end_time' must be a minimum of 10 seconds prior to the request time.");
  if (granularity !== 'hour' || start % HOUR_MS !== 0 || end % HOUR_MS !== 0)
    return invalid('granularity', url, 'this fake counts whole hours only');
  const hashtag = /#\w+/.exec(url.searchParams.get('query') ?? '')?.[0] ?? '#Unknown';
  const data = [];
  for (let at = start; at < end; at += HOUR_MS) {
    const count = hashtag === '#Quiet' ? 0 : 120 + 37 * (((at / HOUR_MS) * 7 + hashtag.length) % 23);
    data.push({
      end: new Date(at + HOUR_MS).toISOString(),
      start: new Date(at).toISOString(),
      tweet_count: count,
    });
  }
  const total = data.reduce((sum, bucket) => sum + bucket.tweet_count, 0);
  return { status: 200, body: JSON.stringify({ data, meta: { total_tweet_count: total } }), headers: {} };
}

/** X's answer to a parameter it will not take. */
function invalid(parameter: string, url: URL, message: string): FakeAnswer {
  const body = {
    errors: [{ parameters: { [parameter]: [url.searchParams.get(parameter) ?? ''] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  };
  return { status: 400, body: JSON.stringify(body), headers: {} };
}
