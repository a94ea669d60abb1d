import { z } from 'zod';

/**
 * The part of X API v2 recent search (GET /2/tweets/search/recent) that stockpipe reads:
 * the `data` / `includes` / `meta` envelope with tweet.fields created_at, lang, author_id, public_metrics.
 */
const XPublicMetricsSchema = z.object({
  retweet_count: z.number().int().nonnegative(),
  reply_count: z.number().int().nonnegative(),
  like_count: z.number().int().nonnegative(),
  quote_count: z.number().int().nonnegative(),
  bookmark_count: z.number().int().nonnegative().optional(),
  impression_count: z.number().int().nonnegative().optional(),
});

const XTweetSchema = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  author_id: z.string().optional(),
  lang: z.string().optional(),
  public_metrics: XPublicMetricsSchema,
});

export const XSearchResponseSchema = z.object({
  data: z.array(XTweetSchema).optional(),
  includes: z
    .object({ users: z.array(z.object({ id: z.string(), username: z.string().optional() })).optional() })
    .optional(),
  meta: z.object({
    result_count: z.number().int().nonnegative(),
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
    next_token: z.string().optional(),
  }),
});
export type XSearchResponse = z.infer<typeof XSearchResponseSchema>;
