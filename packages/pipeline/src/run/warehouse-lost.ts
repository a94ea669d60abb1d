import { failureReason } from '../failure-reason.ts';
import type { TickerOutcome } from '../run-report.ts';

// What `pg` and the kernel say when the database's end of the connection is gone: the server stopped (the
// `serve-warehouse` process ended, a restart), refused, or reset it.
const CONNECTION_LOST = /Connection terminated|ECONNREFUSED|ECONNRESET|EPIPE|terminating connection/;

/**
 * The warehouse stopped answering in the middle of a long command: no later batch could load or even record its
 * failure, so the command stops, in one line, instead of failing every ticker-hour left with a stack each.
 */
export class WarehouseLostError extends Error {
  override readonly name = 'WarehouseLostError';

  constructor(reason: string, loaded: number) {
    super(
      `the warehouse stopped answering (${reason}) after ${loaded.toLocaleString('en-US')} ticker-hours loaded; ` +
        'when it answers again (serve-warehouse, or the server of DATABASE_URL), run the same command to resume: ' +
        'loaded ticker-hours are skipped',
    );
  }
}

/** Why a batch's load was lost with the connection, when every ticker-hour of it failed at the load for that. */
export function lostConnection(outcomes: readonly TickerOutcome[]): string | undefined {
  const reasons = outcomes.map((o) =>
    o.status === 'failed' && o.stage === 'load' && CONNECTION_LOST.test(o.reason) ? o.reason : undefined,
  );
  return outcomes.length > 0 && reasons.every((r) => r !== undefined) ? reasons[0] : undefined;
}

/** The same, for what reading the warehouse threw between batches (planning the next one). */
export function lostConnectionIn(error: unknown): string | undefined {
  const reason = failureReason(error);
  return CONNECTION_LOST.test(reason) ? reason : undefined;
}
