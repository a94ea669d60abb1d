import { Agent as HttpAgent } from 'node:http';
import { type TweetV2UsageResult, TwitterApi, type TwitterApiReadOnly } from 'twitter-api-v2';
import { XUsageResponseSchema } from '../schemas/x-usage.ts';
import type { XUsage } from '../spend/x-budget.ts';

interface XUsageReaderOptions {
  bearerToken: string;
  /** X_API_BASE_URL: e.g. https://api.x.com, a proxy, or a local test server. Default: the library's. */
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * The project's post usage this billing month, from X API v2 (GET /2/usage/tweets, app-only bearer token, 50
 * requests per 15 minutes). It sends what twitter-api-v2's `client.v2.usage()` sends, through `v2.get` so that the
 * request has a timeout and can go to X_API_BASE_URL.
 */
export class XUsageReader {
  readonly #client: TwitterApiReadOnly;
  readonly #prefix: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: XUsageReaderOptions) {
    const base = options.baseUrl?.replace(/\/+$/, '');
    // twitter-api-v2 speaks https by default; a plain-http base (a local server) needs an http agent.
    const httpAgent = base?.startsWith('http://') ? new HttpAgent() : undefined;
    this.#client = new TwitterApi(options.bearerToken, httpAgent ? { httpAgent } : {}).readOnly;
    this.#prefix = base ? `${base}/2/` : undefined;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  async read(): Promise<XUsage> {
    const body = await this.#client.v2.get<TweetV2UsageResult>(
      'usage/tweets',
      { 'usage.fields': 'cap_reset_day,project_cap,project_usage' },
      { timeout: this.#timeoutMs, ...(this.#prefix ? { prefix: this.#prefix } : {}) },
    );
    const parsed = XUsageResponseSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`X usage response: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { project_usage, project_cap, cap_reset_day } = parsed.data.data;
    return { projectUsage: project_usage, projectCap: project_cap, capResetDay: cap_reset_day };
  }
}
