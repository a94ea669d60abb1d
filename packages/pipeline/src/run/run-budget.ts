import { UncountedFailure } from './uncounted.ts';

/**
 * The run's budget (STOCKPIPE_RUN_BUDGET_SECONDS) as a hard deadline, in two signals: `fetching` ends the sources'
 * requests and waits early enough to leave the rest of the budget to score, store and load what was fetched;
 * `ending` cuts whatever is still in flight at the budget's end (a load the database never answers).
 */
export interface RunBudget {
  fetching: AbortSignal;
  /** None for a command that lets the batch in hand finish, whatever the time (a backfill asked to stop). */
  ending?: AbortSignal;
}

/** What the stages after extract may need of the budget: a fifth of it, from 5 s up to a minute. */
function reserveMs(totalMs: number): number {
  return Math.min(60_000, Math.max(5_000, totalMs / 5));
}

/** The budget that ends at `endsAt` (epoch ms); `seconds` names it in the failures it causes. */
export function runBudget(endsAt: number, seconds: number, now = Date.now()): RunBudget {
  const total = Math.max(0, endsAt - now);
  const spent = (what: string) =>
    new UncountedFailure(`run budget of ${seconds} s spent ${what} (STOCKPIPE_RUN_BUDGET_SECONDS)`);
  return {
    fetching: abortAfter(total - reserveMs(total), () => spent('before the sources answered')),
    ending: abortAfter(total, () => spent('before the load ended')),
  };
}

function abortAfter(ms: number, reason: () => Error): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason()), Math.max(0, ms)).unref();
  return controller.signal;
}
