import type { WatchEntry } from '@stockpipe/shared';
import type { LedgerRecord } from '../records.ts';
import { GIVE_UP_AFTER } from '../run/catch-up-plan.ts';
import type { TickerHour } from '../run/outcome.ts';
import { hourKey } from '../time/hours.ts';

export interface BackfillRequest {
  hours: readonly Date[];
  watchlist: readonly WatchEntry[];
  /** The ledger's records of those ticker-hours. */
  ledger: readonly LedgerRecord[];
  /** Per ticker, the hours (`2026-11-28T16`) whose posts body is staged: those need no X request. */
  stagedPosts: ReadonlyMap<string, ReadonlySet<string>>;
  /** Redo loaded ticker-hours too. */
  force: boolean;
  /** Retry ticker-hours that failed GIVE_UP_AFTER times in a row. */
  retryFailed: boolean;
  now: Date;
  /** How far back the post source can search (null: any hour): X recent search, 7 days. */
  reachBackMs: number | null;
}

/** What a backfill will do, counted before it does it. */
export interface BackfillPlan {
  /** The ticker-hours to process, each from its staged bodies when kept and its sources when not. */
  items: TickerHour[];
  /** Already loaded: left as they are (unless --force). */
  loaded: number;
  /** Of the items, those the ledger says loaded whose row is gone: loaded again. */
  rowsGone: number;
  /** Of the loaded, those whose row is sample data: a live backfill refuses them without --force. */
  sampleRows: number;
  /** Failed too often: left alone (unless --retry-failed). */
  gaveUp: number;
  /** Of the items, those whose posts are staged: no X request. */
  fromRaw: number;
  /** Of the items, those that need an X request (their posts are not staged). */
  xRequests: number;
  /** Ticker-hours that need a search beyond the post source's reach (X recent search: 7 days): refused. */
  beyondReach: TickerHour[];
}

/** Which ticker-hours of the given hours a backfill processes, and from where: pure, from ledger and raw store. */
export function planBackfill(request: BackfillRequest): BackfillPlan {
  const records = new Map(request.ledger.map((r) => [`${r.ticker}|${r.hourStart.getTime()}`, r]));
  const plan: BackfillPlan = {
    items: [],
    loaded: 0,
    rowsGone: 0,
    sampleRows: 0,
    gaveUp: 0,
    fromRaw: 0,
    xRequests: 0,
    beyondReach: [],
  };
  const reach =
    request.reachBackMs === null ? Number.NEGATIVE_INFINITY : request.now.getTime() - request.reachBackMs;
  for (const hourStart of request.hours) {
    for (const entry of request.watchlist) {
      const record = records.get(`${entry.ticker}|${hourStart.getTime()}`);
      if (record?.source === 'sample' && !record.rowGone) plan.sampleRows += 1;
      if (record?.state === 'loaded' && !record.rowGone && !request.force) {
        plan.loaded += 1;
        continue;
      }
      if (record && record.failures >= GIVE_UP_AFTER && !request.retryFailed && !request.force) {
        plan.gaveUp += 1;
        continue;
      }
      const item: TickerHour = { entry, hourStart, from: 'staged-or-sources' };
      // A ticker kept for its prices alone (the benchmark) needs no X search, however old its hour.
      const postsStaged =
        entry.pricesOnly === true ||
        (request.stagedPosts.get(entry.ticker)?.has(hourKey(hourStart)) ?? false);
      if (!postsStaged && hourStart.getTime() < reach) {
        plan.beyondReach.push(item);
        continue;
      }
      plan.items.push(item);
      if (record?.rowGone) plan.rowsGone += 1;
      if (postsStaged) plan.fromRaw += 1;
      else plan.xRequests += 1;
    }
  }
  return plan;
}

/** The upper bound of what X bills for the plan: every search returning X_MAX_RESULTS posts, and each counts request. */
export function estimatedXCost(
  requests: { searches: number; counts: number },
  prices: { maxResults: number; costPerPostUsd: number; costPerCountsRequestUsd: number },
): number {
  return (
    requests.searches * prices.maxResults * prices.costPerPostUsd +
    requests.counts * prices.costPerCountsRequestUsd
  );
}
