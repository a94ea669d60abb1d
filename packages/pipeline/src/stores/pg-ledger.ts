import type pg from 'pg';
import { printable } from '../format/printable.ts';
import type { LedgerEntry, LedgerRecord } from '../records.ts';

/**
 * Records how each attempt ended: a new ticker-hour gets its first record; a known one its latest state, one more
 * attempt, and its run of failures grown (failed again) or ended (loaded). A loaded hour stays loaded when a later
 * attempt (a replay, a forced backfill) fails: its row is still there, as it was, so it is neither shown failed nor
 * healed nor given up on; only its attempts count up.
 */
/** A failed attempt at an hour already loaded. */
const KEEPS_LOADED = `(stock_hour_ledger.state = 'loaded' AND EXCLUDED.state = 'failed')`;

export async function recordAttempts(client: pg.PoolClient, entries: readonly LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO stock_hour_ledger
            (ticker, hour_start, state, stage, reason, attempts, failures, first_attempt_at, last_attempt_at, run_id,
             first_loaded_at)
     SELECT a.ticker, a.hour_start, CASE WHEN a.stage IS NULL THEN 'loaded' ELSE 'failed' END, a.stage, a.reason,
            1, CASE WHEN a.stage IS NOT NULL AND a.counts THEN 1 ELSE 0 END, now(), now(), a.run_id,
            CASE WHEN a.stage IS NULL THEN now() END
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::boolean[])
            AS a(ticker, hour_start, stage, reason, run_id, counts)
     ON CONFLICT (ticker, hour_start) DO UPDATE SET
       state = CASE WHEN ${KEEPS_LOADED} THEN stock_hour_ledger.state ELSE EXCLUDED.state END,
       stage = CASE WHEN ${KEEPS_LOADED} THEN stock_hour_ledger.stage ELSE EXCLUDED.stage END,
       reason = CASE WHEN ${KEEPS_LOADED} THEN stock_hour_ledger.reason ELSE EXCLUDED.reason END,
       attempts = stock_hour_ledger.attempts + 1,
       failures = CASE WHEN EXCLUDED.state = 'failed' AND NOT ${KEEPS_LOADED}
                       THEN stock_hour_ledger.failures + EXCLUDED.failures ELSE 0 END,
       last_attempt_at = EXCLUDED.last_attempt_at,
       first_loaded_at = COALESCE(stock_hour_ledger.first_loaded_at, EXCLUDED.first_loaded_at),
       run_id = CASE WHEN ${KEEPS_LOADED} THEN stock_hour_ledger.run_id ELSE EXCLUDED.run_id END`,
    [
      entries.map((e) => e.ticker),
      entries.map((e) => e.hourStart),
      entries.map((e) => e.failure?.stage ?? null),
      entries.map((e) => e.failure?.reason ?? null),
      entries.map((e) => e.runId),
      entries.map((e) => e.failure?.counts ?? false),
    ],
  );
}

/** The ledger's records in a period, with whether each loaded hour's market was closed and its row still there. */
export const LEDGER_QUERY = `
  SELECT l.*, s.market_closed, s.ticker IS NULL AS row_gone, s.source AS row_source
    FROM stock_hour_ledger l
    LEFT JOIN stock_performance s ON s.ticker = l.ticker AND s.hour_start = l.hour_start
   WHERE l.ticker = ANY($1) AND l.hour_start >= $2 AND l.hour_start < $3
   ORDER BY l.ticker, l.hour_start`;

export function ledgerRecordOf(r: Record<string, unknown>): LedgerRecord {
  return {
    ticker: r.ticker as string,
    hourStart: r.hour_start as Date,
    state: r.state as LedgerRecord['state'],
    stage: r.stage as LedgerRecord['stage'],
    // Recorded before reasons were made printable, a reason may still carry an upstream's escapes.
    reason: r.reason === null ? null : printable(r.reason as string),
    attempts: r.attempts as number,
    failures: r.failures as number,
    firstAttemptAt: r.first_attempt_at as Date,
    lastAttemptAt: r.last_attempt_at as Date,
    runId: r.run_id as string,
    marketClosed: r.state === 'loaded' ? ((r.market_closed as boolean | null) ?? null) : null,
    rowGone: r.state === 'loaded' && r.row_gone === true,
    source: (r.row_source as LedgerRecord['source']) ?? null,
  };
}
