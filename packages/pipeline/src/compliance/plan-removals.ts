import type { ComplianceVerdict, HourRemoval, StoredPost } from '../records.ts';
import { hourKey } from '../time/hours.ts';

/** What X's results ask of the stored posts. */
export interface RemovalPlan {
  /** The ticker-hours to clean, oldest first, each with the posts it must lose. */
  hours: HourRemoval[];
  /** Distinct posts that must go, by X's reason. */
  byReason: Map<string, number>;
  /** Posts X lists whose change concerns nothing stored (`scrub_geo`: stockpipe never asks X for geo). */
  nothingStored: Map<string, number>;
}

// Reasons whose action touches a part of a post this job does not keep: the post itself stays.
const NOT_KEPT = new Set(['scrub_geo']);

/**
 * Which stored posts must go, and from which ticker-hours: every post X's results name with the action `delete`
 * (deleted, protected, suspended, deactivated, bounced and any reason X adds later), wherever it is stored (one
 * post can be in several tickers' searches). Verdicts on posts not stored, and stored posts X does not name (they are
 * fine as they are), change nothing.
 */
export function planRemovals(
  stored: readonly StoredPost[],
  verdicts: readonly ComplianceVerdict[],
): RemovalPlan {
  // A post X names more than once (deleted, and its geo scrubbed) goes if any of its lines says it must.
  const removes = (v: ComplianceVerdict | undefined) =>
    v !== undefined && v.action === 'delete' && !NOT_KEPT.has(v.reason);
  const verdictOf = new Map<string, ComplianceVerdict>();
  for (const verdict of verdicts)
    if (!removes(verdictOf.get(verdict.postId))) verdictOf.set(verdict.postId, verdict);
  const hours = new Map<string, { ticker: string; hourStart: Date; posts: Map<string, string> }>();
  const byReason = new Map<string, number>();
  const nothingStored = new Map<string, number>();
  const counted = new Set<string>();
  const count = (tally: Map<string, number>, postId: string, reason: string) => {
    if (counted.has(postId)) return;
    counted.add(postId);
    tally.set(reason, (tally.get(reason) ?? 0) + 1);
  };
  for (const post of stored) {
    const verdict = verdictOf.get(post.postId);
    if (!verdict) continue;
    if (!removes(verdict)) {
      count(nothingStored, post.postId, verdict.reason);
      continue;
    }
    count(byReason, post.postId, verdict.reason);
    const key = `${post.ticker}|${hourKey(post.hourStart)}`;
    const hour = hours.get(key) ?? { ticker: post.ticker, hourStart: post.hourStart, posts: new Map() };
    hour.posts.set(post.postId, verdict.reason);
    hours.set(key, hour);
  }
  const ordered = [...hours.values()].sort(
    (a, b) => a.hourStart.getTime() - b.hourStart.getTime() || a.ticker.localeCompare(b.ticker),
  );
  return { hours: ordered, byReason, nothingStored };
}
