import { LOG_EVENTS, type WatchEntry } from '@stockpipe/shared';
import type { ServiceCalls } from './aws/service-calls.ts';
import { BusyError } from './errors.ts';
import type { Logger } from './log.ts';
import { composeNotice } from './notify/run-notice.ts';
import type {
  DocumentStore,
  Notifier,
  PostSource,
  PriceSource,
  RawStore,
  SentimentScorer,
  Warehouse,
} from './ports.ts';
import { type CatchUpPlan, planCatchUp } from './run/catch-up-plan.ts';
import { withHeldHours } from './run/held-hours.ts';
import type { Loaded } from './run/load.ts';
import { type Outcome, type TickerHour, tickerOutcome } from './run/outcome.ts';
import type { PostVolumes } from './run/post-volumes.ts';
import { processBatch } from './run/process.ts';
import type { RunBudget } from './run/run-budget.ts';
import { runMetricFields } from './run-metrics.ts';
import type { RunReport } from './run-report.ts';
import type { SpendGuard } from './spend/x-spend-guard.ts';
import { HOUR_MS, hourKey } from './time/hours.ts';

export interface RunDeps {
  posts: PostSource;
  prices: PriceSource;
  /** The hours' post volume, from the counts source beside the posts: what this run read and asked of it. */
  volumes: PostVolumes;
  raw: RawStore;
  documents: DocumentStore;
  scorer: SentimentScorer;
  warehouse: Warehouse;
  notifier: Notifier;
  logger: Logger;
  concurrency: number;
  /** Counts calls per service, for the run's log event and the benchmark. */
  calls?: ServiceCalls;
  /** Where this run's logs are (a CloudWatch log group and stream), for the notification. */
  logLocation?: string;
  /** The month's X budget, with live X; none on sample data. */
  xSpend?: SpendGuard;
}

export interface RunRequest {
  runId: string;
  hourStart: Date;
  watchlist: readonly WatchEntry[];
  /** When the run began (`performance.now()`), start-up included; default: when this function was called. */
  startedAt?: number;
  /** Heal failed and missing ticker-hours in the hours before this one (none when absent). */
  catchUp?: { lookBackHours: number; maxHours: number; isScheduled?: (hour: Date) => boolean };
  /** The run's time budget, a hard deadline: what has not arrived by then fails, what has loads (none when absent). */
  budget?: RunBudget;
}

/**
 * One logical hour for every ticker on the watchlist, and the earlier ticker-hours that failed or went missing:
 * plan the catch-up → lock the hours → extract → transform → keep raw → score → store documents (and count the
 * post volume meanwhile) → summarise + join → load with the ledger → notify, within the run's budget. Each ticker-hour carries its own outcome through the
 * steps: one that fails stops there, is logged and reported, and the others go on; the warehouse gets every good row
 * in one transaction.
 */
export async function runHour(deps: RunDeps, request: RunRequest): Promise<RunReport> {
  const started = request.startedAt ?? performance.now();
  const { hourStart, watchlist, runId } = request;
  const log = deps.logger.child({ runId, hour: hourKey(hourStart) });
  const callsBefore = deps.calls?.snapshot() ?? {};

  // Catch-up: what to heal, from the ledger. A warehouse that cannot be reached here heals nothing this time; the run
  // still fetches and keeps its raw data, and the next run that reaches it finds the gap.
  const plan = await planHealing(deps.warehouse, request, log);
  const own = watchlist.map((entry): TickerHour => ({ entry, hourStart, from: 'staged-or-sources' }));
  // Hold the run's own hour, waiting for it; heal only the earlier hours no other run is on. A lock the warehouse
  // cannot give (it is down) does not stop the run: its own hour is fetched and staged, and its load says why.
  const locks: Pick<Warehouse, 'lockHours'> = {
    lockHours: (hours, options) =>
      deps.warehouse.lockHours(hours, options).catch((error: unknown) => {
        if (error instanceof BusyError) throw error;
        log.warn({ stage: 'lock', err: error }, 'hour lock unavailable');
        return { hours: [hourStart], release: async () => {} };
      }),
  };
  const { result: outcomes } = await withHeldHours(
    locks,
    [...own, ...plan.heal],
    (item) => item.hourStart,
    async (held) => {
      const heal = held.slice(own.length);
      logCatchUp(log, plan, heal);
      // The hour's bodies may be staged already, whatever the ledger knows: a rerun, a run whose load never reached
      // the warehouse or was killed before it, a duplicate that waited for this hour's lock. Never pay X for what
      // is kept: the raw store is asked first (a read of a missing key costs a fraction of one post).
      // The stages log per ticker-hour, each with its own hour: the run's logger names only the run. The batch
      // loads in one transaction, in which a row the database refuses fails alone.
      const batchLog = deps.logger.child({ runId });
      const { outcomes } = await processBatch({ ...deps, budget: request.budget }, held, runId, batchLog);
      return outcomes;
    },
    { waitFor: hourStart },
  );
  const report = reportOf(request, outcomes, started, deps.logLocation);

  // Notify, success or failure. A notifier that is down must not undo a loaded run: it is logged.
  report.notified = await deps.notifier.notify(composeNotice(report)).then(
    () => true,
    (error: unknown) => {
      log.warn({ stage: 'notify', err: error }, 'notify failed');
      return false;
    },
  );
  const calls = deps.calls?.since(callsBefore);
  log.info(
    {
      stage: 'run',
      status: report.status,
      // The whole run, the notice included (the notice's own duration ends where it was written).
      ...runMetricFields(
        { ...report, durationMs: Math.round(performance.now() - started) },
        { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), xSpend: deps.xSpend?.spend() },
      ),
      healFailed: report.healed.filter((t) => t.status === 'failed').length,
      ...(calls ? { calls } : {}),
    },
    LOG_EVENTS.runFinished,
  );
  return report;
}

const NO_CATCH_UP = { heal: [], gaveUp: [], deferred: 0 };

function logCatchUp(log: Logger, plan: CatchUpPlan, heal: readonly TickerHour[]): void {
  if (plan.heal.length + plan.gaveUp.length === 0) return;
  log.info(
    {
      stage: 'catch-up',
      hours: [...new Set(heal.map((h) => hourKey(h.hourStart)))],
      tickerHours: heal.length,
      busy: plan.heal.length - heal.length,
      deferred: plan.deferred,
      gaveUp: plan.gaveUp.length,
    },
    'catch-up planned',
  );
}

/** The catch-up plan: the failed and missing ticker-hours before the run's own, from the ledger. */
async function planHealing(warehouse: Warehouse, request: RunRequest, log: Logger): Promise<CatchUpPlan> {
  const { hourStart, watchlist, catchUp } = request;
  const lookBack = catchUp?.lookBackHours ?? 0;
  if (!catchUp || lookBack === 0) return NO_CATCH_UP;
  const tickers = watchlist.map((w) => w.ticker);
  try {
    const [ledger, firstRecorded] = await Promise.all([
      warehouse.ledger(
        tickers,
        new Date(hourStart.getTime() - lookBack * HOUR_MS),
        new Date(hourStart.getTime() + HOUR_MS),
      ),
      warehouse.firstRecorded(tickers),
    ]);
    return planCatchUp({
      hourStart,
      watchlist,
      lookBackHours: lookBack,
      maxHours: catchUp.maxHours,
      ledger,
      firstRecorded,
      isScheduled: catchUp.isScheduled,
    });
  } catch (error) {
    log.warn({ stage: 'catch-up', err: error }, 'ledger unavailable: no catch-up this run');
    return NO_CATCH_UP;
  }
}

/** The report is the outcomes, as they left the last step: the run's own hour in watchlist order, then the healed. */
function reportOf(
  request: RunRequest,
  outcomes: readonly Outcome<Loaded>[],
  started: number,
  logLocation: string | undefined,
): RunReport {
  const all = outcomes.map(tickerOutcome);
  const own = request.watchlist.length;
  const tickers = all.slice(0, own);
  return {
    runId: request.runId,
    hourStart: request.hourStart,
    status: tickers.every((t) => t.status === 'loaded') ? 'succeeded' : 'failed',
    tickers,
    healed: all.slice(own),
    durationMs: Math.round(performance.now() - started),
    logLocation,
    notified: false,
  };
}
