import type { ScoredPost, TopPost } from '../records.ts';
import { engagementWeight } from './summarise.ts';

/** How many posts of each ticker-hour the warehouse keeps: enough for a dashboard's "most engaged" table. */
const TOP_POSTS_PER_HOUR = 5;

/** The hour's most engaged posts with text, by the same weight the summary uses; ties by post id, for reruns. */
export function topPosts(posts: readonly ScoredPost[], runId: string, limit = TOP_POSTS_PER_HOUR): TopPost[] {
  return posts
    .filter((post) => post.text !== '')
    .map((post) => ({ post, weight: engagementWeight(post.engagement) }))
    .sort((a, b) => b.weight - a.weight || a.post.postId.localeCompare(b.post.postId))
    .slice(0, limit)
    .map(({ post, weight }) => ({
      ticker: post.ticker,
      hourStart: post.hourStart,
      postId: post.postId,
      createdAt: post.createdAt,
      authorId: post.authorId,
      lang: post.lang,
      text: post.text,
      engagement: post.engagement,
      weight,
      sentimentLabel: post.sentiment?.label ?? null,
      sentimentScore: post.sentiment ? post.sentiment.scores.Positive - post.sentiment.scores.Negative : null,
      runId,
    }));
}
