import { Agent as HttpAgent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WatchEntry } from '@stockpipe/shared';
import pRetry from 'p-retry';
import { ApiResponseError, TwitterApi, type TwitterApiReadOnly } from 'twitter-api-v2';
import type { PostSource, RawResponse } from '../ports.ts';
import { POSTS_RAW_PREFIX } from '../raw/posts-raw-prefix.ts';
import { HOUR_MS } from '../time/hours.ts';
import { classifyXAnswer, type XVerdict } from './x-failure.ts';
import { XRateWindow } from './x-rate-window.ts';
import { X_RECENT_REACH_MS } from './x-reach.ts';

export interface XPostSourceOptions {
  bearerToken: string;
  /** X_API_BASE_URL: e.g. https://api.x.com, a proxy, or a local test server. Default: the library's. */
  baseUrl?: string;
  maxResults: number;
  /** No rate-limit wait may end after this instant: the run's time budget. */
  deadline: () => number;
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** `recent` (the last X_RECENT_DAYS days) or `all` (full-archive search: older hours, for a token that allows it). */
  search?: 'recent' | 'all';
  /** Paces requests by X's window; shared by every request of the process. */
  window?: XRateWindow;
}

const TWEET_FIELDS = 'created_at,lang,author_id,public_metrics';

/**
 * The hour's most popular posts from X API v2 recent search, via twitter-api-v2. The body comes back as the
 * bytes X sent (`forceParseMode: 'buffer'`), so the run stages it unchanged and parses it itself.
 * 5xx and network errors are retried with backoff; a rate limit waits for its reset when the run can afford it.
 */
export class XPostSource implements PostSource {
  readonly rawPrefix = POSTS_RAW_PREFIX.live;
  readonly reach: { backMs: number | null; billed: boolean };
  readonly #client: TwitterApiReadOnly;
  readonly #prefix: string | undefined;
  readonly #options: Required<Omit<XPostSourceOptions, 'baseUrl' | 'bearerToken'>>;
  readonly #window: XRateWindow;

  constructor(options: XPostSourceOptions) {
    const base = options.baseUrl?.replace(/\/+$/, '');
    // twitter-api-v2 speaks https by default; a plain-http base (a local server) needs an http agent.
    const httpAgent = base?.startsWith('http://') ? new HttpAgent({ keepAlive: true }) : undefined;
    this.#client = new TwitterApi(options.bearerToken, httpAgent ? { httpAgent } : {}).readOnly;
    this.#prefix = base ? `${base}/2/` : undefined;
    this.#options = {
      retries: 3,
      backoffMs: 1_000,
      timeoutMs: 15_000,
      now: () => new Date(),
      sleep: (ms, signal) => sleep(ms, undefined, { signal }),
      search: 'recent',
      window: new XRateWindow({ deadline: options.deadline }),
      ...options,
    };
    this.#window = this.#options.window;
    // Recent search covers the last X_RECENT_DAYS; full-archive search any hour, for a token that allows it.
    this.reach = { backMs: this.#options.search === 'recent' ? X_RECENT_REACH_MS : null, billed: true };
  }

  /** `signal` stops the retries and waits (twitter-api-v2 cannot abort a request already sent: it times out). */
  async fetchPosts(entry: WatchEntry, hourStart: Date, signal?: AbortSignal): Promise<RawResponse> {
    const { retries, backoffMs, now, sleep, deadline } = this.#options;
    for (let waited = 0; ; waited++) {
      try {
        return await pRetry(() => this.#search(entry, hourStart, signal), {
          retries,
          minTimeout: backoffMs,
          factor: 2,
          signal,
          shouldRetry: ({ error }) => this.#verdict(error, hourStart).kind === 'transient',
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        const verdict = this.#verdict(error, hourStart);
        const waitMs =
          verdict.kind === 'rate_limited' ? verdict.resetAt.getTime() + 1_000 - now().getTime() : -1;
        if (verdict.kind === 'rate_limited' && waited < 2 && now().getTime() + waitMs <= deadline()) {
          await sleep(Math.max(0, waitMs), signal);
          continue;
        }
        const budget = verdict.kind === 'rate_limited' ? ', later than the run can wait' : '';
        throw new Error(`${entry.ticker}: ${verdict.message}${budget}`, { cause: error });
      }
    }
  }

  async #search(entry: WatchEntry, hourStart: Date, signal?: AbortSignal): Promise<RawResponse> {
    await this.#window.take(signal);
    const response = await this.#client.v2
      .get(
        `tweets/search/${this.#options.search}`,
        {
          // Parenthesised: in X queries AND binds tighter than OR, and the filter must apply to every term.
          query: `(${entry.query}) -is:retweet`,
          sort_order: 'relevancy',
          start_time: hourStart.toISOString(),
          end_time: new Date(hourStart.getTime() + HOUR_MS).toISOString(),
          max_results: this.#options.maxResults,
          'tweet.fields': TWEET_FIELDS,
          expansions: 'author_id',
          'user.fields': 'username',
        },
        {
          fullResponse: true,
          forceParseMode: 'buffer',
          timeout: this.#options.timeoutMs,
          ...(this.#prefix ? { prefix: this.#prefix } : {}),
        },
      )
      .catch((error: unknown) => {
        if (error instanceof ApiResponseError) this.#window.update(error.headers);
        throw error;
      });
    this.#window.update(response.headers);
    const contentType = String(response.headers['content-type'] ?? 'application/json');
    return { body: new Uint8Array(response.data as Buffer), contentType };
  }

  #verdict(error: unknown, hourStart: Date): XVerdict {
    if (error instanceof ApiResponseError) {
      const data = error.data as unknown;
      const body = Buffer.isBuffer(data) ? data.toString('utf8') : JSON.stringify(data ?? '');
      return classifyXAnswer(
        { status: error.code, headers: error.headers, body },
        hourStart,
        this.#options.now(),
      );
    }
    // No answer at all: a refused connection, a reset, a timeout. Worth another try.
    return { kind: 'transient', message: `X did not answer: ${(error as Error).message}` };
  }
}
