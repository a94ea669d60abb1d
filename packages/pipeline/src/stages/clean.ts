import { decodeHTML } from 'entities';
import type { CleanPost } from '../records.ts';
import type { XSearchResponse } from '../schemas/x-search.ts';

const URL_PATTERN = /(?:https?:\/\/|www\.)\S+/giu;
// Control characters and invisible separators; ZWJ and variation selectors stay, they hold emoji together.
const CONTROL_PATTERN = /[\p{Cc}\u200B\u2028\u2029\uFEFF]/gu;
const SPACE_RUN = /\s+/gu;

/** Text fit for scoring: entities decoded, URLs and control characters dropped, every language's words kept. */
export function cleanText(raw: string): string {
  return decodeHTML(raw)
    .replace(URL_PATTERN, ' ')
    .replace(CONTROL_PATTERN, ' ')
    .replace(SPACE_RUN, ' ')
    .trim();
}

/** The posts of one search response, cleaned, each once, in the order X ranked them. */
export function cleanPosts(response: XSearchResponse, ticker: string, hourStart: Date): CleanPost[] {
  const seen = new Set<string>();
  const posts: CleanPost[] = [];
  for (const tweet of response.data ?? []) {
    if (seen.has(tweet.id)) continue;
    seen.add(tweet.id);
    const metrics = tweet.public_metrics;
    posts.push({
      postId: tweet.id,
      ticker,
      hourStart,
      authorId: tweet.author_id ?? null,
      createdAt: new Date(tweet.created_at),
      lang: tweet.lang ?? null,
      text: cleanText(tweet.text),
      engagement: {
        likes: metrics.like_count,
        reposts: metrics.retweet_count,
        replies: metrics.reply_count,
        quotes: metrics.quote_count,
      },
    });
  }
  return posts;
}
