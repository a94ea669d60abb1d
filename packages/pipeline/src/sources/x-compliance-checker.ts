import { Agent as HttpAgent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { ApiResponseError, TwitterApi, type TwitterApiv2 } from 'twitter-api-v2';
import { failureReason } from '../failure-reason.ts';
import type { ComplianceChecker } from '../ports.ts';
import type { ComplianceVerdict } from '../records.ts';
import {
  type XComplianceJob,
  XComplianceJobSchema,
  XComplianceResultSchema,
} from '../schemas/x-compliance.ts';

export interface XComplianceCheckerOptions {
  bearerToken: string;
  /** X_API_BASE_URL: e.g. https://api.x.com, a proxy, or a local test server. Default: the library's. */
  baseUrl?: string;
  /** No wait for the job may end after this instant. */
  deadline: () => number;
  /** A name for the job, as X lists it. */
  jobName: string;
  timeoutMs?: number;
  /** The first wait between status checks; each wait doubles, up to `pollMaxMs`. */
  pollMs?: number;
  pollMaxMs?: number;
  retries?: number;
}

/**
 * X API v2 batch compliance for posts, through twitter-api-v2's client so that the request goes to X_API_BASE_URL:
 * what `v2.sendComplianceJob` and `v2.complianceJobResult` send (create a `tweets` job, upload the ids as text
 * to its signed upload URL, poll the job, download its JSON lines), with our own deadline, timeouts and retries
 * instead of the library's endless 3.5 s poll. X runs one job of a type at a time; the results list only the
 * posts that must change.
 */
export class XComplianceChecker implements ComplianceChecker {
  readonly #client: TwitterApiv2;
  readonly #prefix: string | undefined;
  readonly #options: Required<Omit<XComplianceCheckerOptions, 'baseUrl' | 'bearerToken'>>;

  constructor(options: XComplianceCheckerOptions) {
    const base = options.baseUrl?.replace(/\/+$/, '');
    // twitter-api-v2 speaks https by default; a plain-http base (a local server) needs an http agent.
    const httpAgent = base?.startsWith('http://') ? new HttpAgent() : undefined;
    this.#client = new TwitterApi(options.bearerToken, httpAgent ? { httpAgent } : {}).v2;
    this.#prefix = base ? `${base}/2/` : undefined;
    this.#options = { timeoutMs: 30_000, pollMs: 1_000, pollMaxMs: 30_000, retries: 3, ...options };
  }

  async check(postIds: readonly string[]): Promise<ComplianceVerdict[]> {
    if (postIds.length === 0) return [];
    const { timeoutMs } = this.#options;
    const api = { timeout: timeoutMs, ...(this.#prefix ? { prefix: this.#prefix } : {}) };
    const created = await this.#call('creating the job', () =>
      this.#client.post('compliance/jobs', { type: 'tweets', name: this.#options.jobName }, api),
    );
    let job = jobOf(created);
    // The upload and download URLs are signed: they take no bearer token (and X's storage refuses one).
    await this.#call('uploading the ids', () =>
      this.#client.put(job.upload_url, Buffer.from(postIds.join('\n')), {
        forceBodyMode: 'raw',
        enableAuth: false,
        headers: { 'Content-Type': 'text/plain' },
        prefix: '',
        timeout: timeoutMs,
      }),
    );
    // Read at once after the upload, then after waits that double: small jobs finish in seconds, large in minutes.
    for (let wait = this.#options.pollMs; ; wait = Math.min(wait * 2, this.#options.pollMaxMs)) {
      const id = job.id;
      job = jobOf(
        await this.#retried('reading the job', () =>
          this.#client.get('compliance/jobs/:id', undefined, { ...api, params: { id } }),
        ),
      );
      if (job.status === 'complete') break;
      if (job.status === 'failed' || job.status === 'expired')
        throw new Error(`X compliance job ${job.id} ${job.status}${job.error ? `: ${job.error}` : ''}`);
      if (Date.now() + wait > this.#options.deadline())
        throw new Error(
          `X compliance job ${job.id} still ${job.status} at the deadline (STOCKPIPE_RUN_BUDGET_SECONDS)`,
        );
      await sleep(wait);
    }
    const download = job.download_url;
    const lines = await this.#retried('downloading the results', () =>
      this.#client.get<string>(download, undefined, {
        enableAuth: false,
        prefix: '',
        forceParseMode: 'text',
        timeout: timeoutMs,
      }),
    );
    return resultsOf(lines);
  }

  /** A call that changes something at X (a job, an upload): once, its failure explained. */
  async #call<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw explained(what, error);
    }
  }

  /** A read: retried with backoff when X or the network fails for a moment (5xx, no answer). */
  async #retried<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await pRetry(call, {
        retries: this.#options.retries,
        minTimeout: this.#options.pollMs,
        shouldRetry: ({ error }) => !(error instanceof ApiResponseError) || error.code >= 500,
      });
    } catch (error) {
      throw explained(what, error);
    }
  }
}

function jobOf(answer: unknown): XComplianceJob {
  const parsed = XComplianceJobSchema.safeParse(answer);
  if (parsed.success) return parsed.data.data;
  const issue = parsed.error.issues[0];
  throw new Error(`X compliance job answer: ${issue?.path.join('.')}: ${issue?.message}`);
}

function resultsOf(text: string): ComplianceVerdict[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = XComplianceResultSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`X compliance results, line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      const { id, action, reason } = parsed.data;
      return { postId: id, action, reason };
    });
}

/** The failure as a person reads it: which step, and what X answered (never the token). */
function explained(what: string, error: unknown): Error {
  if (error instanceof ApiResponseError) {
    const detail =
      (error.data as { detail?: string; title?: string } | undefined)?.detail ?? error.data?.title;
    const hint = error.code === 401 || error.code === 403 ? '; check X_BEARER_TOKEN or its secret' : '';
    return new Error(`X compliance, ${what}: X answered ${error.code}${detail ? ` (${detail})` : ''}${hint}`);
  }
  // twitter-api-v2 says only `Request failed.`: the reason finds what the socket did under it.
  return new Error(`X compliance, ${what}: ${failureReason(error)}`);
}
