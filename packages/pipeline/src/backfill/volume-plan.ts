import type { TickerHour } from '../run/outcome.ts';
import { countableHours, REQUEST_HOURS } from '../run/post-volumes.ts';
import { HOUR_MS } from '../time/hours.ts';

export interface VolumePlanRequest {
  /** The ticker-hours the backfill processes. */
  items: readonly TickerHour[];
  /** Per ticker, the hours (`2026-11-28T16`) a counts body is staged under: the newest hour each counts. */
  stagedCounts: ReadonlyMap<string, ReadonlySet<string>>;
  now: Date;
  /** How far back the counts source counts (null: any hour): X recent counts, 7 days. */
  reachBackMs: number | null;
}

/** What a backfill's post volume takes, counted before it does it. */
export interface VolumePlan {
  /** Tickers with an hour to count that no staged body counts: a request each (it counts the rest of the week). */
  tickers: Set<string>;
  /** Ticker-hours no staged body counts, older than the source's reach: their volume stays null. */
  beyondReach: number;
}

/**
 * Which of a backfill's ticker-hours need X's counts, from the raw store's listing alone: an hour is taken as
 * counted when a body is staged under an hour of the week from it on (the bodies that can count it), and as
 * needing a request otherwise, one per ticker since a request counts all the ticker's hours that X still counts.
 */
export function planVolumes(request: VolumePlanRequest): VolumePlan {
  const { from, until } = countableHours(request.now, request.reachBackMs);
  const keys = new Map(
    [...request.stagedCounts].map(([ticker, hours]) => [
      ticker,
      [...hours].map((h) => Date.parse(`${h}:00:00Z`)).sort((a, b) => a - b),
    ]),
  );
  const plan: VolumePlan = { tickers: new Set(), beyondReach: 0 };
  for (const { entry, hourStart } of request.items) {
    // The benchmark is kept for its prices alone: never counted.
    if (entry.pricesOnly) continue;
    const start = hourStart.getTime();
    const next = firstAtOrAfter(keys.get(entry.ticker) ?? [], start);
    if (next !== undefined && next < start + REQUEST_HOURS * HOUR_MS) continue;
    if (start < from) plan.beyondReach += 1;
    else if (start + HOUR_MS <= until) plan.tickers.add(entry.ticker);
  }
  return plan;
}

/** The first of the sorted `values` at or after `at`. */
function firstAtOrAfter(values: readonly number[], at: number): number | undefined {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] as number) < at) low = mid + 1;
    else high = mid;
  }
  return values[low];
}
