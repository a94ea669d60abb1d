/**
 * The document tables' keys, as infra creates them and the job writes them: a post under its ticker and
 * `hour#postId`, a price under its ticker and hour (`2026-11-28T16`), so a rerun of an hour overwrites its items.
 * A post also carries `expiresAt` (epoch seconds), the attribute the posts table's TTL reads: post documents hold
 * text, so they go after the posts' retention; prices hold none and stay.
 */
export const DOCUMENT_KEYS = {
  posts: { partition: 'ticker', sort: 'sk', expiresAt: 'expiresAt' },
  prices: { partition: 'ticker', sort: 'hour' },
} as const;
