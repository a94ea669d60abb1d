import { LOG_EVENTS, type WatchEntry } from '@stockpipe/shared';
import type { ServiceCalls } from './aws/service-calls.ts';
import { BusyError } from './errors.ts';
import { hourKey } from './hours.ts';
import type { Logger } from './log.ts';
import { composeNotice } from './notify/run-notice.ts';
import type {
  DocumentStore,
  Notifier,
  PostSource,
  PriceSource,
  RawStore,
  SentimentScorer,
  WarehouseWriter,
} from './ports.ts';
import { extract } from './run/extract.ts';
import { type Loaded, load } from './run/load.ts';
import type { Outcome } from './run/outcome.ts';
import { score } from './run/score.ts';
import { store } from './run/store.ts';
import { runMetricFields } from './run-metrics.ts';
import type { RunReport, TickerOutcome } from './run-report.ts';
import type { SpendGuard } from './spend/x-spend-guard.ts';

export interface RunDeps {
  posts: PostSource;
  prices: PriceSource;
  raw: RawStore;
  documents: DocumentStore;
  scorer: SentimentScorer;
  warehouse: WarehouseWriter;
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
}

/**
 * One logical hour for every ticker on the watchlist:
 * lock the hour → extract → keep raw → transform → score → store documents → summarise + join → load → notify.
 * Each ticker carries its own outcome through the steps: one that fails stops there, is logged and reported, and
 * the others go on; the warehouse gets every good row in one transaction.
 */
export async function runHour(deps: RunDeps, request: RunRequest): Promise<RunReport> {
  const started = request.startedAt ?? performance.now();
  const log = deps.logger.child({ runId: request.runId, hour: hourKey(request.hourStart) });

  // 0. Hold the hour, so two runs of it never write at once. A database that cannot be reached here still lets
  //    the run fetch and keep its raw data; the load then fails and says why.
  const { release } = await deps.warehouse
    .lockHours([request.hourStart], { waitFor: request.hourStart })
    .catch((error: unknown) => {
      if (error instanceof BusyError) throw error;
      log.warn({ stage: 'lock', err: error }, 'hour lock unavailable');
      return { hours: [], release: async () => {} };
    });
  let outcomes: Outcome<Loaded>[];
  const callsBefore = deps.calls?.snapshot() ?? {};
  try {
    const items = request.watchlist.map((entry) => ({ entry, hourStart: request.hourStart }));
    const extracted = await extract(deps, items, request.runId, log); // 1–3
    const scored = await score(deps.scorer, extracted, log); // 4
    const stored = await store(deps.documents, scored, log); // 5
    outcomes = await load(deps.warehouse, stored, request.runId, log); // 6–7
  } finally {
    await release().catch(() => {});
  }
  const report = reportOf(request, outcomes, started, deps.logLocation);

  // 8. Notify, success or failure. A notifier that is down must not undo a loaded run: it is logged.
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
      ...runMetricFields(report, {
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        xSpend: deps.xSpend?.spend(),
      }),
      ...(calls ? { calls } : {}),
    },
    LOG_EVENTS.runFinished,
  );
  return report;
}

/** The report is the outcomes, in watchlist order, as they left the last step. */
function reportOf(
  request: RunRequest,
  outcomes: readonly Outcome<Loaded>[],
  started: number,
  logLocation: string | undefined,
): RunReport {
  const tickers = outcomes.map(
    (o): TickerOutcome =>
      o.ok
        ? { ticker: o.item.entry.ticker, hourStart: o.item.hourStart, status: 'loaded', row: o.row }
        : {
            ticker: o.item.entry.ticker,
            hourStart: o.item.hourStart,
            status: 'failed',
            stage: o.stage,
            reason: o.reason,
          },
  );
  return {
    runId: request.runId,
    hourStart: request.hourStart,
    status: tickers.every((t) => t.status === 'loaded') ? 'succeeded' : 'failed',
    tickers,
    durationMs: Math.round(performance.now() - started),
    logLocation,
    notified: false,
  };
}
