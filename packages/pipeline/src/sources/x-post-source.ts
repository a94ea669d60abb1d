import type { WatchEntry } from '@stockpipe/shared';
import pRetry from 'p-retry';
import type { PostSource, RawResponse } from '../ports.ts';
import { POSTS_RAW_PREFIX } from '../raw/posts-raw-prefix.ts';
import { HOUR_MS } from '../time/hours.ts';
import { BodyTooLarge, readCapped } from './capped-body.ts';
import { classifyXAnswer, type XAnswer, type XVerdict } from './x-failure.ts';
import { XRateWindow, XWaitRefused } from './x-rate-window.ts';
import { X_RECENT_REACH_MS } from './x-reach.ts';

export interface XPostSourceOptions {
  bearerToken: string;
  /** X_API_BASE_URL: e.g. https://api.x.com, a proxy, or a local test server. Default: the library's. */
  baseUrl?: string;
  maxResults: number;
  /** No rate-limit wait may end after this instant: the run's time budget (for the window made here). */
  deadline: () => number;
  retries?: number;
  backoffMs?: number;
  /** How long one request may take, its whole body included: a drip is cut at it. */
  timeoutMs?: number;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** `recent` (the last X_RECENT_DAYS days) or `all` (full-archive search: older hours, for a token that allows it). */
  search?: 'recent' | 'all';
  /** Paces requests by X's window; shared by every request of the process. */
  window?: XRateWindow;
}

const TWEET_FIELDS = 'created_at,lang,author_id,public_metrics';

/** X's API, as twitter-api-v2 knows it; X_API_BASE_URL replaces it. */
const X_API_BASE = 'https://api.x.com';

/** An answer from X that is not a success, as it came. */
class XAnswerError extends Error {
  readonly answer: XAnswer;
  constructor(answer: XAnswer) {
    super(`X answered ${answer.status}`);
    this.answer = answer;
  }
}

/**
 * The hour's most popular posts from X API v2 recent search, through Node's fetch: the body comes back as the bytes
 * X sent, so the run stages it unchanged and parses it itself, and each request has a deadline for its whole
 * response and a cap on its size (a drip or a flood fails the ticker, not the run). 5xx, timeouts and network
 * errors are retried with backoff; a rate limit waits for its reset when the run can afford it.
 */
export class XPostSource implements PostSource {
  readonly rawPrefix = POSTS_RAW_PREFIX.live;
  readonly reach: { backMs: number | null; billed: boolean };
  readonly #base: string;
  readonly #bearerToken: string;
  readonly #options: Required<
    Omit<XPostSourceOptions, 'baseUrl' | 'bearerToken' | 'window' | 'sleep' | 'deadline'>
  >;
  readonly #window: XRateWindow;

  constructor(options: XPostSourceOptions) {
    this.#base = (options.baseUrl ?? X_API_BASE).replace(/\/+$/, '');
    this.#bearerToken = options.bearerToken;
    const now = options.now ?? (() => new Date());
    this.#options = { retries: 3, backoffMs: 1_000, timeoutMs: 15_000, search: 'recent', ...options, now };
    // Every wait for X, a 429's included, is the window's: bounded by the deadline and X_PATIENCE_MS, stoppable.
    this.#window =
      options.window ??
      new XRateWindow({ deadline: options.deadline, now: () => now().getTime(), sleep: options.sleep });
    // Recent search covers the last X_RECENT_DAYS; full-archive search any hour, for a token that allows it.
    this.reach = { backMs: this.#options.search === 'recent' ? X_RECENT_REACH_MS : null, billed: true };
  }

  /** `signal` stops the request in flight, the retries and the waits. */
  async fetchPosts(entry: WatchEntry, hourStart: Date, signal?: AbortSignal): Promise<RawResponse> {
    const { retries, backoffMs } = this.#options;
    for (let waited = 0; ; waited++) {
      try {
        return await pRetry(() => this.#search(entry, hourStart, signal), {
          retries,
          minTimeout: backoffMs,
          factor: 2,
          signal,
          shouldRetry: ({ error }) =>
            !(error instanceof XWaitRefused) && this.#verdict(error, hourStart).kind === 'transient',
        });
      } catch (error) {
        if (signal?.aborted || error instanceof XWaitRefused) throw error;
        const verdict = this.#verdict(error, hourStart);
        if (verdict.kind !== 'rate_limited')
          throw new Error(`${entry.ticker}: ${verdict.message}`, { cause: error });
        const why = `${entry.ticker}: ${verdict.message}`;
        if (waited >= 2) throw new XWaitRefused(`${why}, still, after waiting for it twice`, verdict.resetAt);
        await this.#window.waitFor(verdict.resetAt, why, signal);
      }
    }
  }

  async #search(entry: WatchEntry, hourStart: Date, signal?: AbortSignal): Promise<RawResponse> {
    await this.#window.take(signal);
    const url = new URL(`${this.#base}/2/tweets/search/${this.#options.search}`);
    url.search = new URLSearchParams({
      // Parenthesised: in X queries AND binds tighter than OR, and the filter must apply to every term.
      query: `(${entry.query}) -is:retweet`,
      sort_order: 'relevancy',
      start_time: hourStart.toISOString(),
      end_time: new Date(hourStart.getTime() + HOUR_MS).toISOString(),
      max_results: String(this.#options.maxResults),
      'tweet.fields': TWEET_FIELDS,
      expansions: 'author_id',
      'user.fields': 'username',
    }).toString();
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    let response: Response;
    let body: Uint8Array;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.#bearerToken}` },
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      body = await readCapped(response, 'X');
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) throw new Error(`no whole answer within ${this.#options.timeoutMs / 1000} s`);
      throw error;
    }
    const headers = Object.fromEntries(response.headers);
    this.#window.update(headers);
    if (!response.ok)
      throw new XAnswerError({ status: response.status, headers, body: new TextDecoder().decode(body) });
    return { body, contentType: response.headers.get('content-type') ?? 'application/json' };
  }

  #verdict(error: unknown, hourStart: Date): XVerdict {
    if (error instanceof XAnswerError) return classifyXAnswer(error.answer, hourStart, this.#options.now());
    if (error instanceof BodyTooLarge) return { kind: 'fatal', message: error.message };
    // No answer at all: a refused connection, a reset, a timeout. Worth another try.
    return { kind: 'transient', message: `X did not answer: ${(error as Error).message}` };
  }
}
