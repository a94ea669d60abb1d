import type { WatchEntry } from '@stockpipe/shared';
import { failureReason } from '../failure-reason.ts';
import { printable } from '../format/printable.ts';
import type { Logger } from '../log.ts';
import type { Stage, WarehouseRow } from '../records.ts';
import type { TickerOutcome } from '../run-report.ts';
import { hourKey } from '../time/hours.ts';
import { UncountedFailure } from './uncounted.ts';

/**
 * Where a ticker-hour's response bodies come from: the sources (X and Yahoo: a new hour), the raw store when a body
 * is staged there and the sources otherwise (catch-up, backfill: never pay X twice), or the raw store alone (replay).
 */
type BodiesFrom = 'sources' | 'staged-or-sources' | 'staged';

/** One ticker in one hour: the unit every step works on. */
export interface TickerHour {
  entry: WatchEntry;
  hourStart: Date;
  from: BodiesFrom;
}

/**
 * A ticker-hour on its way through the run: still going (`ok`, with what the last step made of it), or stopped at
 * a stage. Each step maps outcomes to outcomes, passing failures through untouched, so the run's report is simply
 * the last step's outcomes.
 */
export type Outcome<T> =
  | ({ ok: true; item: TickerHour } & T)
  | { ok: false; item: TickerHour; stage: Stage; reason: string; counts?: boolean };

export type Failed = Extract<Outcome<unknown>, { ok: false }>;

/**
 * Stops a ticker-hour at `stage`, and logs it: once, as a `stage failed` event with the ticker, its hour, the stage
 * and the reason (`log` must not bind a ticker or an hour of its own) (what CloudWatch queries for failures look for), the error itself beside them.
 */
export function fail(log: Logger, item: TickerHour, stage: Stage, error: unknown): Failed {
  // A reason often quotes an upstream (X's error body): it is printed in the summary and kept in the ledger.
  const reason = printable(failureReason(error));
  log.warn(
    { ticker: item.entry.ticker, hour: hourKey(item.hourStart), stage, reason, err: error },
    'stage failed',
  );
  return { ok: false, item, stage, reason, counts: !(error instanceof UncountedFailure) };
}

/** The outcomes still going. */
export function going<T>(outcomes: readonly Outcome<T>[]): Extract<Outcome<T>, { ok: true }>[] {
  return outcomes.filter((o): o is Extract<Outcome<T>, { ok: true }> => o.ok);
}

/** A finished ticker-hour as a report tells it. */
export function tickerOutcome(outcome: Outcome<{ row: WarehouseRow }>): TickerOutcome {
  const { ticker } = outcome.item.entry;
  const { hourStart } = outcome.item;
  return outcome.ok
    ? { ticker, hourStart, status: 'loaded', row: outcome.row }
    : { ticker, hourStart, status: 'failed', stage: outcome.stage, reason: outcome.reason };
}
