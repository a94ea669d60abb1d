import type { WatchEntry } from '@stockpipe/shared';
import type { PostSource, RawResponse } from '../ports.ts';
import { POSTS_RAW_PREFIX } from '../raw/posts-raw-prefix.ts';
import { HOUR_MS } from '../time/hours.ts';
import { XClient, type XClientOptions } from './x-client.ts';
import { X_RECENT_REACH_MS } from './x-reach.ts';

export interface XPostSourceOptions extends XClientOptions {
  maxResults: number;
  /** `recent` (the last X_RECENT_DAYS days) or `all` (full-archive search: older hours, for a token that allows it). */
  search?: 'recent' | 'all';
}

const TWEET_FIELDS = 'created_at,lang,author_id,public_metrics';

/**
 * The hour's most popular posts from X API v2 recent search, through XClient: the bytes X sent, within a deadline
 * and a size cap, retried, waited for, and refused as its failures say.
 */
export class XPostSource implements PostSource {
  readonly rawPrefix = POSTS_RAW_PREFIX.live;
  readonly origin = 'live' as const;
  readonly reach: { backMs: number | null; billed: boolean };
  readonly #client: XClient;
  readonly #maxResults: number;
  readonly #search: 'recent' | 'all';

  constructor(options: XPostSourceOptions) {
    this.#client = new XClient(options);
    this.#maxResults = options.maxResults;
    this.#search = options.search ?? 'recent';
    // Recent search covers the last X_RECENT_DAYS; full-archive search any hour, for a token that allows it.
    this.reach = { backMs: this.#search === 'recent' ? X_RECENT_REACH_MS : null, billed: true };
  }

  /** `signal` stops the request in flight, the retries and the waits. */
  fetchPosts(entry: WatchEntry, hourStart: Date, signal?: AbortSignal): Promise<RawResponse> {
    const params = {
      // Parenthesised: in X queries AND binds tighter than OR, and the filter must apply to every term.
      query: `(${entry.query}) -is:retweet`,
      sort_order: 'relevancy',
      start_time: hourStart.toISOString(),
      end_time: new Date(hourStart.getTime() + HOUR_MS).toISOString(),
      max_results: String(this.#maxResults),
      'tweet.fields': TWEET_FIELDS,
      expansions: 'author_id',
      'user.fields': 'username',
    };
    return this.#client.get(
      `/2/tweets/search/${this.#search}`,
      params,
      { ticker: entry.ticker, hourStart, endpoint: 'recent search' },
      signal,
    );
  }
}
