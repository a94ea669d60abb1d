import type { WatchEntry } from '@stockpipe/shared';
import type { LedgerRecord } from '../records.ts';
import { HOUR_MS } from '../time/hours.ts';
import type { TickerHour } from './outcome.ts';

/** A ticker-hour that failed this many times in a row is left alone until a backfill with --retry-failed. */
export const GIVE_UP_AFTER = 3;

export interface CatchUpRequest {
  /** The run's own hour: catch-up looks at the hours before it. */
  hourStart: Date;
  watchlist: readonly WatchEntry[];
  /** How many hours before the run's hour to look at (STOCKPIPE_CATCHUP_HOURS; 0: none). */
  lookBackHours: number;
  /** At most this many of them healed per run, oldest first (STOCKPIPE_CATCHUP_MAX_HOURS). */
  maxHours: number;
  /** The ledger's records of the watchlist in the look-back. */
  ledger: readonly LedgerRecord[];
  /** Each ticker's first recorded hour: before it, an hour is history (backfill's job), not a gap. */
  firstRecorded: ReadonlyMap<string, Date>;
  /** Hours the schedule runs (default: every hour); an unscheduled hour is never missing. */
  isScheduled?: (hour: Date) => boolean;
}

export interface CatchUpPlan {
  /** The ticker-hours to heal in this run, oldest first: failed ones, and gaps since each ticker started. */
  heal: TickerHour[];
  /** Ticker-hours that failed GIVE_UP_AFTER times in a row: reported, not retried. */
  gaveUp: LedgerRecord[];
  /** Ticker-hours that need healing beyond this run's maximum: the next runs take them. */
  deferred: number;
}

/** Which ticker-hours before the run's hour a run heals: pure, from the ledger alone. */
export function planCatchUp(request: CatchUpRequest): CatchUpPlan {
  const { hourStart, watchlist, lookBackHours, maxHours, firstRecorded } = request;
  const isScheduled = request.isScheduled ?? (() => true);
  const records = new Map(request.ledger.map((r) => [`${r.ticker}|${r.hourStart.getTime()}`, r]));
  const candidates: TickerHour[] = [];
  const gaveUp: LedgerRecord[] = [];
  for (let back = lookBackHours; back >= 1; back--) {
    const hour = new Date(hourStart.getTime() - back * HOUR_MS);
    for (const entry of watchlist) {
      const record = records.get(`${entry.ticker}|${hour.getTime()}`);
      if (record?.state === 'loaded') continue;
      // An hour the schedule does not run is not missing; one that failed (a manual run, a backfill) still heals.
      if (!record && !isScheduled(hour)) continue;
      if (record && record.failures >= GIVE_UP_AFTER) {
        gaveUp.push(record);
        continue;
      }
      const started = firstRecorded.get(entry.ticker);
      if (!record && !(started && started < hour)) continue;
      // Failed at a later stage, its bodies are staged; a gap may have some: never pay X for what is kept.
      candidates.push({ entry, hourStart: hour, from: 'staged-or-sources' });
    }
  }
  const hours = [...new Set(candidates.map((c) => c.hourStart.getTime()))].slice(0, maxHours);
  const heal = candidates.filter((c) => hours.includes(c.hourStart.getTime()));
  return { heal, gaveUp, deferred: candidates.length - heal.length };
}
