import type { WatchEntry } from '@stockpipe/shared';
import type { PostSource, RawResponse } from '../ports.ts';
import { POSTS_RAW_PREFIX } from '../raw/posts-raw-prefix.ts';
import { HOUR_MS } from '../time/hours.ts';
import { sampleMove, samplePrice } from './sample-market.ts';
import {
  BEARISH,
  BULLISH,
  EMOJI_TAILS,
  EMPTY_AFTER_CLEANING,
  NEUTRAL,
  OTHER_LANGUAGES,
} from './sample-post-texts.ts';
import { FIRST_POST, sampleHourTalk } from './sample-talk.ts';
import type { Random } from './seeded-random.ts';

// X ids are snowflakes: milliseconds since this epoch (2010-11-04T01:42:54.657Z), shifted left 22 bits, plus a
// sequence. Before it, X numbered posts in order; and before its first post there were none.
const SNOWFLAKE_EPOCH = 1_288_834_974_657;

/**
 * Deterministic posts shaped like an X v2 recent-search response, seeded by ticker and hour: more talk while
 * the market is open, moods that lean with the hour's price move, several languages, emoji, links, entities,
 * and some hours with no posts at all. Ranked by engagement, as `sort_order=relevancy` roughly is.
 */
export class SamplePostSource implements PostSource {
  readonly rawPrefix = POSTS_RAW_PREFIX.sample;
  readonly origin = 'sample' as const;
  readonly reach = { backMs: null, billed: false };
  readonly #maxResults: number;

  constructor(maxResults: number) {
    this.#maxResults = maxResults;
  }

  async fetchPosts(entry: WatchEntry, hourStart: Date): Promise<RawResponse> {
    const from = hourStart.getTime();
    const { found, random } = sampleHourTalk(entry.ticker, from);
    const count = Math.min(found, this.#maxResults);
    const move = sampleMove(entry.ticker, from, from + HOUR_MS);

    const tweets = Array.from({ length: count }, (_, i) => {
      const createdAt = Math.max(FIRST_POST, from + random.int(0, HOUR_MS - 1));
      const id = postId(createdAt, i);
      const { lang, text } = samplePost(random, entry, samplePrice(entry.ticker, createdAt), move);
      const likes = Math.floor(random.next() ** 3 * 2_000);
      return {
        id: id.toString(),
        text,
        created_at: new Date(createdAt).toISOString(),
        author_id: String(random.int(10_000_000, 1_999_999_999)),
        lang,
        edit_history_tweet_ids: [id.toString()],
        public_metrics: {
          retweet_count: Math.floor(likes * random.next() * 0.3),
          reply_count: Math.floor(likes * random.next() * 0.1),
          like_count: likes,
          quote_count: Math.floor(likes * random.next() * 0.05),
          bookmark_count: Math.floor(likes * random.next() * 0.02),
          impression_count: likes * random.int(20, 80) + random.int(50, 500),
        },
      };
    }).sort((a, b) => b.public_metrics.like_count - a.public_metrics.like_count);

    const body =
      tweets.length === 0
        ? { meta: { result_count: 0 } }
        : {
            data: tweets,
            includes: {
              users: tweets.map((t) => ({ id: t.author_id, username: `trader${t.author_id.slice(-5)}` })),
            },
            meta: {
              newest_id: tweets.map((t) => t.id).reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b)),
              oldest_id: tweets.map((t) => t.id).reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b)),
              result_count: tweets.length,
            },
          };
    return { body: new TextEncoder().encode(JSON.stringify(body)), contentType: 'application/json' };
  }
}

/** A snowflake from its epoch on; before it, a number that grows with time as X's sequential ids did. */
function postId(createdAt: number, sequence: number): bigint {
  if (createdAt >= SNOWFLAKE_EPOCH) return (BigInt(createdAt - SNOWFLAKE_EPOCH) << 22n) + BigInt(sequence);
  return BigInt(createdAt - FIRST_POST) * 100n + BigInt(sequence);
}

function samplePost(random: Random, entry: WatchEntry, price: number, move: number) {
  const roll = random.next();
  const fill = (template: string) =>
    template
      .replaceAll('{$T}', () => `$${entry.ticker}`)
      .replaceAll('{T}', entry.ticker)
      .replaceAll('{Q}', entry.query)
      .replaceAll('{P}', price.toFixed(2))
      .replaceAll('{C}', Math.abs(move * 100).toFixed(1))
      .replaceAll('{U}', () => `https://t.co/${random.int(1e9, 9e9).toString(36)}`);
  if (roll < 0.05) return { lang: 'zxx', text: fill(random.pick(EMPTY_AFTER_CLEANING)) };
  if (roll < 0.2) {
    const post = random.pick(OTHER_LANGUAGES);
    return { lang: post.lang, text: fill(post.text) };
  }
  // Talk leans with the price: a rising hour draws more bulls, a falling one more bears.
  const lean = Math.max(-0.3, Math.min(0.3, move * 60));
  const mood = random.next();
  const pool = mood < 0.35 + lean ? BULLISH : mood < 0.7 ? BEARISH : NEUTRAL;
  return { lang: 'en', text: fill(random.pick(pool)) + random.pick(EMOJI_TAILS) };
}
