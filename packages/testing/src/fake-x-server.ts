import {
  type FakeXComplianceJob,
  type FakeXComplianceOptions,
  fakeXCompliance,
} from './fake-x-compliance.ts';
import { xCountsAnswer } from './fake-x-counts.ts';
import { type FakeXUsage, xUsageAnswer } from './fake-x-usage.ts';
import { type FakeAnswer, type FakeServer, startFakeServer } from './http-fake.ts';

/**
 * A local X API v2 that answers recent search like X: the `data` / `includes` / `meta` envelope with the fields
 * stockpipe asks for, HTML entities left encoded, links as t.co, several languages and emoji. Its bodies follow
 * the recorded responses in the shared fixtures (xdevplatform/postman-twitter-api, cjbarrie/academictwitteR);
 * its error bodies are those recordings verbatim. Recent counts answer as fake-x-counts.ts says.
 */
const HOUR_MS = 3_600_000;

export const X_ERRORS = {
  unauthorized: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  tooManyRequests: {
    title: 'Too Many Requests',
    type: 'about:blank',
    status: 429,
    detail: 'Too Many Requests',
  },
  usageCapped: {
    account_id: '<redacted>',
    product_name: 'standard-basic',
    title: 'UsageCapExceeded',
    period: 'Monthly',
    scope: 'Product',
    detail: 'Usage cap exceeded: Monthly product cap',
    type: 'https://api.twitter.com/2/problems/usage-capped',
  },
};

const POSTS: { lang: string; text: string; likes: number; reposts: number }[] = [
  {
    lang: 'en',
    text: '{T} upgraded to Buy at Morgan Stanley, price target raised to $260 🚀 https://t.co/Xy7Qa1',
    likes: 812,
    reposts: 140,
  },
  {
    lang: 'en',
    text: 'Strong quarter &amp; guidance raised: {Q} beats on revenue and margins https://t.co/b2LmQ9',
    likes: 430,
    reposts: 61,
  },
  { lang: 'en', text: '{T} sliding after the downgrade, sellers in control 📉', likes: 95, reposts: 12 },
  { lang: 'ja', text: '{Q} の決算が好調、株価上昇 🚀', likes: 44, reposts: 3 },
  {
    lang: 'es',
    text: 'Las acciones de {Q} suben tras los resultados &gt; expectativas',
    likes: 21,
    reposts: 2,
  },
  { lang: 'en', text: "What's everyone watching today? {T} {Q} 👀", likes: 9, reposts: 0 },
  { lang: 'zxx', text: 'https://t.co/Zz9kPq', likes: 1, reposts: 0 },
];

export interface FakeXOptions {
  bearerToken: string;
  /** X's request window, scaled down for tests: this many searches per window of this many seconds. */
  rateLimit?: { perWindow: number; windowSeconds: number };
  /** An outage: searches of the hours it names are answered 503 while it says so. */
  down?: (hourStart: Date) => boolean;
  /** What GET /2/usage/tweets answers; nothing read yet by default. */
  usage?: FakeXUsage;
  /** What the batch compliance endpoints answer: by default, that every post is fine. */
  compliance?: FakeXComplianceOptions;
  /** X's clock, for what recent counts will count (the last 7 days, hours over): the real one by default. */
  now?: () => Date;
}

export interface FakeXServer extends FakeServer {
  /** Searches that came when the window had none left (each answered 429): a client that paces itself sends none. */
  overLimit(): number;
  /** The recent counts requests answered, in order (a successful one is what X bills). */
  countsRequests(): URL[];
  /** The compliance jobs made, in order, with the ids uploaded to each. */
  complianceJobs(): readonly FakeXComplianceJob[];
}

export async function startFakeXServer({
  bearerToken,
  rateLimit,
  down,
  usage,
  compliance,
  now = () => new Date(),
}: FakeXOptions): Promise<FakeXServer> {
  let over = 0;
  const counted: URL[] = [];
  let baseUrl = '';
  const complianceEndpoints = fakeXCompliance(compliance ?? { verdict: () => undefined }, () => baseUrl);
  const window = { resetAt: 0, used: 0 };
  // Fixed windows, as X's: every answer says what is left and when the window resets (epoch seconds).
  const limitHeaders = (): Record<string, string> | null => {
    if (!rateLimit) return null;
    const now = Date.now();
    if (now >= window.resetAt) {
      window.resetAt = (Math.floor(now / 1000) + rateLimit.windowSeconds) * 1000;
      window.used = 0;
    }
    window.used += 1;
    return {
      'x-rate-limit-limit': String(rateLimit.perWindow),
      'x-rate-limit-remaining': String(Math.max(0, rateLimit.perWindow - window.used)),
      'x-rate-limit-reset': String(window.resetAt / 1000),
    };
  };
  const server = await startFakeServer((url, request, body) => {
    const stored = complianceEndpoints.storage(url, request, body);
    if (stored) return stored;
    if (request.headers.authorization !== `Bearer ${bearerToken}`) return json(401, X_ERRORS.unauthorized);
    // Compliance jobs count against no search window either.
    const job = complianceEndpoints.api(url, request, body);
    if (job) return job;
    // Usage is read before the searches, and counts against no search window.
    if (url.pathname === '/2/usage/tweets') return xUsageAnswer(usage ?? { projectUsage: 0 });
    // Counts have a request window of their own (X's: 300 a window); the tests pace searches only.
    if (url.pathname === '/2/tweets/counts/recent') {
      counted.push(url);
      return xCountsAnswer(url, now());
    }
    if (url.pathname !== '/2/tweets/search/recent' && url.pathname !== '/2/tweets/search/all')
      return json(404, { title: 'Not Found Error', detail: url.pathname });
    const limits = limitHeaders();
    if (limits && rateLimit && window.used > rateLimit.perWindow) {
      over += 1;
      return json(429, X_ERRORS.tooManyRequests, limits);
    }
    const hour = new Date(url.searchParams.get('start_time') ?? 0);
    if (down?.(hour))
      return json(503, { title: 'Service Unavailable', detail: 'Service Unavailable', status: 503 });
    const answer = search(url);
    return limits ? { ...answer, headers: { ...answer.headers, ...limits } } : answer;
  });
  baseUrl = server.url;
  return {
    ...server,
    overLimit: () => over,
    countsRequests: () => [...counted],
    complianceJobs: () => complianceEndpoints.jobs,
  };
}

function search(url: URL): FakeAnswer {
  const start = Date.parse(url.searchParams.get('start_time') ?? '');
  const end = Date.parse(url.searchParams.get('end_time') ?? '');
  const query = url.searchParams.get('query') ?? '';
  if (!Number.isFinite(start) || end - start !== HOUR_MS) {
    return json(400, { title: 'Invalid Request', detail: 'start_time and end_time must span the hour' });
  }
  // The ticker's hashtag: `(#Amazon) -is:retweet` → "#Amazon".
  const hashtag = /#\w+/.exec(query)?.[0] ?? '#Unknown';
  if (hashtag === '#Quiet') return json(200, { meta: { result_count: 0 } });
  const max = Number(url.searchParams.get('max_results') ?? '10');
  const tweets = POSTS.slice(0, max).map((post, i) => {
    const id = String(1_865_000_000_000_000_000n + BigInt(start / 1000) * 100n + BigInt(i));
    return {
      edit_history_tweet_ids: [id],
      id,
      text: post.text.replaceAll('{T}', `$${hashtag.slice(1).toUpperCase()}`).replaceAll('{Q}', hashtag),
      created_at: new Date(start + (i + 1) * 300_000).toISOString(),
      author_id: String(90_000 + i),
      lang: post.lang,
      public_metrics: {
        retweet_count: post.reposts,
        reply_count: Math.floor(post.likes / 20),
        like_count: post.likes,
        quote_count: Math.floor(post.reposts / 10),
        bookmark_count: 0,
        impression_count: post.likes * 40,
      },
    };
  });
  return json(200, {
    data: tweets,
    includes: {
      users: tweets.map((t) => ({
        id: t.author_id,
        name: `Trader ${t.author_id}`,
        username: `trader${t.author_id}`,
      })),
    },
    meta: { newest_id: tweets.at(-1)?.id, oldest_id: tweets[0]?.id, result_count: tweets.length },
  });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeAnswer {
  return { status, body: JSON.stringify(body), headers };
}
