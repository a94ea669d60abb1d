import pRetry from 'p-retry';
import type { RawResponse } from '../ports.ts';
import { BodyTooLarge, readCapped } from './capped-body.ts';
import { classifyXAnswer, type XAnswer, type XVerdict } from './x-failure.ts';
import { XRateWindow, XWaitRefused } from './x-rate-window.ts';

export interface XClientOptions {
  bearerToken: string;
  /** X_API_BASE_URL: e.g. https://api.x.com, a proxy, or a local test server. Default: X's own. */
  baseUrl?: string;
  /** No rate-limit wait may end after this instant: the run's time budget (for the window made here). */
  deadline: () => number;
  retries?: number;
  backoffMs?: number;
  /** How long one request may take, its whole body included: a drip is cut at it. */
  timeoutMs?: number;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Paces requests by the endpoint's window; shared by every request of the process to that endpoint. */
  window?: XRateWindow;
}

/** What a request is about, for its messages: the ticker, and the first hour it asks of (X's reach is by hour). */
export interface XAsking {
  ticker: string;
  hourStart: Date;
  /** The endpoint as people name it, in the message of an hour beyond its reach: `recent search`. */
  endpoint: string;
}

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
 * GET requests to X API v2 through Node's fetch, as every X source makes them: the body comes back as the bytes X
 * sent (the run stages it unchanged and parses it itself), each request has a deadline for its whole response and
 * a cap on its size (a drip or a flood fails the ticker, not the run), 5xx, timeouts and network errors are retried
 * with backoff, and a rate limit waits for its reset when the run can afford it.
 */
export class XClient {
  readonly #base: string;
  readonly #bearerToken: string;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  readonly #window: XRateWindow;

  constructor(options: XClientOptions) {
    this.#base = (options.baseUrl ?? X_API_BASE).replace(/\/+$/, '');
    this.#bearerToken = options.bearerToken;
    this.#retries = options.retries ?? 3;
    this.#backoffMs = options.backoffMs ?? 1_000;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    const now = options.now ?? (() => new Date());
    this.#now = now;
    // Every wait for X, a 429's included, is the window's: bounded by the deadline and X_PATIENCE_MS, stoppable.
    this.#window =
      options.window ??
      new XRateWindow({ deadline: options.deadline, now: () => now().getTime(), sleep: options.sleep });
  }

  /** `path` (`/2/tweets/search/recent`) with `params`; `signal` stops the request in flight, the retries and the waits. */
  async get(
    path: string,
    params: Record<string, string>,
    asking: XAsking,
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    for (let waited = 0; ; waited++) {
      try {
        return await pRetry(() => this.#get(path, params, signal), {
          retries: this.#retries,
          minTimeout: this.#backoffMs,
          factor: 2,
          signal,
          shouldRetry: ({ error }) =>
            !(error instanceof XWaitRefused) && this.#verdict(error, asking).kind === 'transient',
        });
      } catch (error) {
        if (signal?.aborted || error instanceof XWaitRefused) throw error;
        const verdict = this.#verdict(error, asking);
        if (verdict.kind !== 'rate_limited')
          throw new Error(`${asking.ticker}: ${verdict.message}`, { cause: error });
        const why = `${asking.ticker}: ${verdict.message}`;
        if (waited >= 2) throw new XWaitRefused(`${why}, still, after waiting for it twice`, verdict.resetAt);
        await this.#window.waitFor(verdict.resetAt, why, signal);
      }
    }
  }

  async #get(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<RawResponse> {
    await this.#window.take(signal);
    const url = new URL(`${this.#base}${path}`);
    url.search = new URLSearchParams(params).toString();
    const timeout = AbortSignal.timeout(this.#timeoutMs);
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
      if (timeout.aborted) throw new Error(`no whole answer within ${this.#timeoutMs / 1000} s`);
      throw error;
    }
    const headers = Object.fromEntries(response.headers);
    this.#window.update(headers);
    if (!response.ok)
      throw new XAnswerError({ status: response.status, headers, body: new TextDecoder().decode(body) });
    return { body, contentType: response.headers.get('content-type') ?? 'application/json' };
  }

  #verdict(error: unknown, asking: XAsking): XVerdict {
    if (error instanceof XAnswerError)
      return classifyXAnswer(error.answer, asking.hourStart, this.#now(), asking.endpoint);
    if (error instanceof BodyTooLarge) return { kind: 'fatal', message: error.message };
    // No answer at all: a refused connection, a reset, a timeout. Worth another try.
    return { kind: 'transient', message: `X did not answer: ${(error as Error).message}` };
  }
}
