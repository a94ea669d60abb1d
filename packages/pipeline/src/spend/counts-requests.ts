import pLimit from 'p-limit';
import type { RawStore } from '../ports.ts';
import { HOUR_MS } from '../time/hours.ts';

/**
 * The recent-counts requests made since `start`, as the raw store keeps them (X's usage endpoint counts posts
 * only): each answer is staged under the newest hour it counts, an hour that was over when it was asked, so a body
 * keyed from `start` on was asked since `start`. The count errs low, never high: a request early in the month for
 * hours of the month before, or one whose body replaced another's, is not in it.
 */
export function stagedCountsRequests(
  raw: RawStore,
  prefix: string,
  tickers: readonly string[],
): (start: Date) => Promise<number> {
  return async (start) => {
    const to = new Date(Date.now() + HOUR_MS);
    const limit = pLimit(8);
    const staged = await Promise.all(
      tickers.map((ticker) => limit(() => raw.stagedHours(prefix, ticker, start, to))),
    );
    return staged.reduce((sum, hours) => sum + hours.size, 0);
  };
}
