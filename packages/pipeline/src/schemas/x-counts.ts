import { z } from 'zod';

/**
 * The part of X API v2 recent counts (GET /2/tweets/counts/recent, granularity=hour) that stockpipe reads: a bucket
 * per hour with the posts that matched the query in it, and their total. X pages counts by 31 days, so a week's
 * request never carries a `next_token`; one that does counts only the hours it holds.
 */
export const XCountsResponseSchema = z.object({
  data: z
    .array(
      z.object({
        start: z.iso.datetime({ offset: true }),
        end: z.iso.datetime({ offset: true }),
        tweet_count: z.number().int().nonnegative(),
      }),
    )
    .optional(),
  meta: z.object({
    total_tweet_count: z.number().int().nonnegative(),
    next_token: z.string().optional(),
  }),
});
export type XCountsResponse = z.infer<typeof XCountsResponseSchema>;
