import { drip, type FakeServer, oversize, startFakeXServer, X_ERRORS } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSearchResponseSchema } from '../../src/schemas/x-search.ts';
import { XPostSource, type XPostSourceOptions } from '../../src/sources/x-post-source.ts';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeXServer({ bearerToken: 'test-token' });
});
afterAll(() => server.close());

const amazon = { ticker: 'AMZN', query: '#Amazon OR $AMZN' };
const hour = new Date('2026-11-27T15:00Z');
const now = new Date('2026-11-27T16:05:00Z');

function source(over: Partial<XPostSourceOptions> = {}) {
  const slept: number[] = [];
  // A clock that moves only when the source sleeps: no real waiting.
  let clock = now.getTime();
  const x = new XPostSource({
    bearerToken: 'test-token',
    baseUrl: server.url,
    maxResults: 10,
    deadline: () => now.getTime() + 10 * 60_000,
    backoffMs: 1,
    now: () => new Date(clock),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    ...over,
  });
  return { x, slept };
}
const text = (body: Uint8Array) => new TextDecoder().decode(body);
const lastRequest = () => server.requests.at(-1)?.url as URL;

describe('XPostSource against a local X API', () => {
  it('asks recent search for the hour’s most relevant posts, without retweets, with the fields it reads', async () => {
    const { x } = source();
    const response = await x.fetchPosts(amazon, hour);
    const params = Object.fromEntries(lastRequest().searchParams);
    expect(lastRequest().pathname).toBe('/2/tweets/search/recent');
    expect(params).toMatchObject({
      query: '(#Amazon OR $AMZN) -is:retweet',
      sort_order: 'relevancy',
      start_time: '2026-11-27T15:00:00.000Z',
      end_time: '2026-11-27T16:00:00.000Z',
      max_results: '10',
      'tweet.fields': 'created_at,lang,author_id,public_metrics',
    });
    const parsed = XSearchResponseSchema.parse(JSON.parse(text(response.body)));
    expect(parsed.data?.length).toBeGreaterThan(3);
    expect(new Set(parsed.data?.map((t) => t.lang))).toContain('ja');
    expect(response.contentType).toMatch(/^application\/json/);
  });

  it('hands back the body byte for byte as X sent it', async () => {
    const body =
      '{"data":[{"id":"1","text":"caf\\u00e9 &amp; \\ud83d\\ude80","created_at":"2026-11-27T15:01:00.000Z","public_metrics":{"retweet_count":0,"reply_count":0,"like_count":0,"quote_count":0}}],"meta":{"result_count":1}}   ';
    server.enqueue({ status: 200, body });
    expect(text((await source().x.fetchPosts(amazon, hour)).body)).toBe(body);
  });

  it('takes an hour with no posts as a valid hour', async () => {
    const response = await source().x.fetchPosts({ ticker: 'QT', query: '#Quiet' }, hour);
    expect(JSON.parse(text(response.body))).toEqual({ meta: { result_count: 0 } });
  });

  it('waits for a near rate-limit reset, then asks again (a text/plain 429 included)', async () => {
    const reset = Math.floor(now.getTime() / 1000) + 30;
    server.enqueue({
      status: 429,
      body: 'Rate limit exceeded\n',
      headers: {
        'content-type': 'text/plain',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      },
    });
    const { x, slept } = source();
    const response = await x.fetchPosts(amazon, hour);
    expect(slept).toEqual([reset * 1000 + 1000 - now.getTime()]);
    expect(JSON.parse(text(response.body)).meta.result_count).toBeGreaterThan(0);
  });

  it('fails the ticker with the reset time when the run cannot wait that long', async () => {
    const reset = Math.floor(now.getTime() / 1000) + 900;
    server.enqueue({
      status: 429,
      body: JSON.stringify(X_ERRORS.tooManyRequests),
      headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    const { x, slept } = source({ deadline: () => now.getTime() + 60_000 });
    await expect(x.fetchPosts(amazon, hour)).rejects.toThrow(
      `AMZN: X rate limit reached; it resets at ${new Date(reset * 1000).toISOString()}, later than the run can wait`,
    );
    expect(slept).toEqual([]);
  });

  it('fails at once on the monthly usage cap, saying it is not the rate limit', async () => {
    server.enqueue({
      status: 429,
      body: JSON.stringify(X_ERRORS.usageCapped),
      headers: { 'x-rate-limit-limit': '40000', 'x-rate-limit-remaining': '39999' },
    });
    const { x, slept } = source();
    await expect(x.fetchPosts(amazon, hour)).rejects.toThrow(/AMZN: X usage cap reached, not the rate limit/);
    expect(slept).toEqual([]);
  });

  it('says the credentials are wrong on 401', async () => {
    await expect(source({ bearerToken: 'wrong' }).x.fetchPosts(amazon, hour)).rejects.toThrow(
      /X refused the credentials \(401: Unauthorized: Unauthorized\)/,
    );
  });

  it('retries server errors with backoff, a bounded number of times', async () => {
    const before = server.requests.length;
    server.enqueue({ status: 503, body: 'Service Unavailable' }, { status: 500, body: '{}' });
    await source().x.fetchPosts(amazon, hour);
    expect(server.requests.length - before).toBe(3);

    const busy = { status: 503, body: 'Service Unavailable' };
    server.enqueue(busy, busy, busy, busy);
    await expect(source({ retries: 3 }).x.fetchPosts(amazon, hour)).rejects.toThrow(
      /X answered 503: Service Unavailable/,
    );
  });

  it('retries when nothing answers, then says so', async () => {
    const { x } = source({ baseUrl: 'http://127.0.0.1:9', retries: 1 });
    await expect(x.fetchPosts(amazon, hour)).rejects.toThrow(/AMZN: X did not answer/);
  });

  it('asks for an hour beyond 7 days anyway, and explains X’s refusal', async () => {
    const old = new Date('2026-10-01T15:00Z');
    server.enqueue({
      status: 400,
      body: JSON.stringify({
        errors: [
          {
            message:
              "Invalid 'start_time':'2026-10-01T15:00Z'. 'start_time' must be on or after 2026-11-20T16:05Z",
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
      }),
    });
    await expect(source().x.fetchPosts(amazon, old)).rejects.toThrow(/X recent search reaches back 7 days/);
    expect(lastRequest().searchParams.get('start_time')).toBe('2026-10-01T15:00:00.000Z');
  });

  it('#20.2 gives up on an answer that drips at the deadline of its whole response, and retries it', async () => {
    const stop = server.hostile(() => true, drip({ everyMs: 100 }));
    const before = server.requests.length;
    try {
      await expect(source({ timeoutMs: 400, retries: 1 }).x.fetchPosts(amazon, hour)).rejects.toThrow(
        /AMZN: X did not answer: no whole answer within 0.4 s/,
      );
      expect(server.requests.length - before).toBe(2);
    } finally {
      stop();
    }
  });

  it('#20.2 stops at once, request in flight included, when its signal says so', async () => {
    const stop = server.hostile(() => true, drip({ everyMs: 100 }));
    try {
      const budget = new AbortController();
      setTimeout(() => budget.abort(new Error('run budget of 30 s spent')), 200);
      await expect(source({ timeoutMs: 60_000 }).x.fetchPosts(amazon, hour, budget.signal)).rejects.toThrow(
        'run budget of 30 s spent',
      );
    } finally {
      stop();
    }
  });

  it('#20.6 stops reading an answer larger than a body may be, says so, and does not ask again', async () => {
    const stop = server.hostile(() => true, oversize(50 * 1024 * 1024));
    const before = server.requests.length;
    try {
      await expect(source().x.fetchPosts(amazon, hour)).rejects.toThrow(
        /^AMZN: X sent more than 4 MB, more than a response may be$/,
      );
      expect(server.requests.length - before).toBe(1);
    } finally {
      stop();
    }
  });
});
