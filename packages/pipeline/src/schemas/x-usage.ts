import { z } from 'zod';

// X sends its counts as strings ("43435"); a number is taken too, in case it ever sends one.
const count = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/**
 * The part of X API v2 usage (GET /2/usage/tweets, `usage.fields=cap_reset_day,project_cap,project_usage`) that
 * stockpipe reads: the posts the project has read this billing month, its cap, and the day the count resets.
 */
export const XUsageResponseSchema = z.object({
  data: z.object({
    project_usage: count,
    project_cap: count.optional(),
    cap_reset_day: z.number().int().min(1).max(31).optional(),
  }),
});
