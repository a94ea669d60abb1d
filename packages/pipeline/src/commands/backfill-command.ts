import { type Config, ConfigError, type WatchEntry } from '@stockpipe/shared';
import pLimit from 'p-limit';
import { CONFIRM_ABOVE_USD, LARGE_BACKFILL } from '../backfill/confirm.ts';
import { type BackfillPlan, estimatedXCost, planBackfill } from '../backfill/plan.ts';
import { planVolumes, type VolumePlan } from '../backfill/volume-plan.ts';
import { busyLines, failedLines } from '../cli/batch-summary.ts';
import type { CommandIo } from '../cli/command-io.ts';
import { searchedWatchlistOf } from '../cli/flags.ts';
import { type Progress, progress } from '../cli/progress.ts';
import { commandRunId } from '../cli/run-id.ts';
import { count } from '../format/count.ts';
import { commandLogger } from '../log.ts';
import { runBatches } from '../run/batch-loop.ts';
import { BatchTally, NamedFew } from '../run/batch-tally.ts';
import { withBenchmark } from '../run/benchmark.ts';
import { GIVE_UP_AFTER } from '../run/catch-up-plan.ts';
import { type TickerHour, tickerOutcome } from '../run/outcome.ts';
import { REQUEST_HOURS } from '../run/post-volumes.ts';
import { processBatch } from '../run/process.ts';
import type { XRateWindow } from '../sources/x-rate-window.ts';
import { BEYOND_RECENT, X_RECENT_DAYS } from '../sources/x-reach.ts';
import { byWatchlist } from '../status/ticker-order.ts';
import { stopSignal } from '../stop-signal.ts';
import { type HourRange, hourChunks, hourCount, parseHourRange } from '../time/hour-range.ts';
import { HOUR_MS, hourLabel } from '../time/hours.ts';
import { openPipeline, type Pipeline } from '../wiring.ts';

export interface BackfillOptions {
  from: string;
  to: string;
  watchlist?: string;
  retryFailed?: boolean;
  force?: boolean;
  dryRun?: boolean;
  yes?: boolean;
}

// A batch is one transaction and one scoring pass: big enough to be quick, small enough to resume finely.
const BATCH_TICKER_HOURS = 250;

/**
 * `stockpipe backfill --from --to`: the ticker-hours of the range that are not loaded yet, from their staged bodies
 * when kept and from X and Yahoo otherwise, in batches. It prints the plan and X's cost before it spends, paces
 * itself by X's request window, and resumes where it stopped when run again (loaded ticker-hours are skipped).
 */
export async function backfillCommand(
  config: Config,
  options: BackfillOptions,
  io: CommandIo,
  now = new Date(),
): Promise<number> {
  const range = parseHourRange(options.from, options.to, now);
  const watchlist = withBenchmark(searchedWatchlistOf(options.watchlist, config), config.benchmark);
  const size = hourCount(range) * watchlist.length;
  if (size > LARGE_BACKFILL && !options.yes && !options.dryRun) {
    throw new ConfigError([
      `--from/--to: ${size.toLocaleString('en-US')} ticker-hours is over ${LARGE_BACKFILL.toLocaleString('en-US')}; add --yes to run it (or --dry-run to see its plan)`,
    ]);
  }
  let bar: Progress | undefined;
  let xWindow: XRateWindow | undefined;
  const pipeline = await openPipeline(config, commandLogger(config), {
    xRequests: {
      unbounded: true,
      onWait: (until) => bar?.waiting(until),
      onWindow: (window) => {
        xWindow = window;
      },
    },
  });
  try {
    const usesX = pipeline.deps.posts.reach.billed;
    const chunks = () => hourChunks(range, Math.max(1, Math.floor(BATCH_TICKER_HOURS / watchlist.length)));
    const planOf = (hours: Date[]) => planChunk(pipeline, hours, watchlist, options, now);
    const plan = await totalPlan(chunks(), planOf);
    const cost = usesX
      ? estimatedXCost(
          { searches: plan.xRequests, counts: plan.countsTickers.size },
          {
            maxResults: config.x.maxResults,
            costPerPostUsd: config.x.costPerPostUsd,
            costPerCountsRequestUsd: config.x.costPerCountsRequestUsd,
          },
        )
      : 0;
    io.out(describePlan(range, watchlist, plan, cost, config, usesX));
    if (options.dryRun) return 0;
    if (cost > CONFIRM_ABOVE_USD && !options.yes) {
      if (!io.ask) {
        throw new ConfigError([
          `--yes: the plan may cost up to $${cost.toFixed(2)} on X (over $${CONFIRM_ABOVE_USD}); add --yes to spend it`,
        ]);
      }
      const answer = await io.ask(`Spend up to $${cost.toFixed(2)} on X for this backfill? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) {
        io.out('Nothing done.\n');
        return 1;
      }
    }
    // From here, SIGINT or SIGTERM ends the waits for X at once, the batch in hand loads what it has, and the
    // command stops (before, they end it as any command).
    const stop = stopSignal();
    const shown = progress({
      total: plan.items,
      label: 'backfill',
      terminal: io.terminal,
      line: (json) => io.out(`${json}\n`),
      usesX,
    });
    bar = shown;
    const runId = commandRunId('backfill');
    const log = pipeline.deps.logger.child({ runId });
    const tally = new BatchTally();
    const refused = new NamedFew<TickerHour>();
    const { interrupted } = await runBatches(
      pipeline.deps.warehouse,
      plannedBatches(chunks(), planOf, refused),
      {
        hourOf: (item) => item.hourStart,
        tickerOf: (item) => item.entry.ticker,
        async process(held) {
          const deps = { ...pipeline.deps, budget: { fetching: stop } };
          const { outcomes, rowsChanged } = await processBatch(deps, held, runId, log);
          return { outcomes: outcomes.map(tickerOutcome), rowsChanged };
        },
        done(outcomes) {
          shown.advance(outcomes);
          shown.xLeft(xWindow?.state.remaining);
        },
      },
      tally,
      // Asked to stop, or X asks for a wait longer than stockpipe makes: no batch after this one could read X.
      () => stop.aborted || xWindow?.refused !== undefined,
    );
    shown.stop();
    io.out(
      describeResult(tally, refused, plan.items, interrupted, byWatchlist(watchlist.map((w) => w.ticker))),
    );
    if (interrupted && !stop.aborted && xWindow?.refused) {
      io.out(`backfill stopped: ${xWindow.refused.message}; run it again after then.\n`);
      return 1;
    }
    if (interrupted) return 130;
    return tally.failed.count + refused.count + tally.busy.total === 0 ? 0 : 1;
  } finally {
    bar?.stop();
    await pipeline.close();
  }
}

/** A chunk's plan: its ticker-hours, and what their post volume takes. */
type ChunkPlan = BackfillPlan & { volume: VolumePlan };

/** The plan's counts over the whole range: a chunk's items are planned again when it runs, so none is kept. */
type PlanTotals = Omit<BackfillPlan, 'items' | 'beyondReach'> & {
  items: number;
  beyondReach: number;
  /** Tickers whose counts X is asked for: a request each, at most, for the week X still counts. */
  countsTickers: Set<string>;
  /** Ticker-hours older than X's counts reach: loaded with a null volume. */
  volumeBeyondReach: number;
};

/** Every chunk of the range planned and counted, a chunk at a time: memory does not grow with the range. */
async function totalPlan(
  chunks: Iterable<Date[]>,
  planOf: (hours: Date[]) => Promise<ChunkPlan>,
): Promise<PlanTotals> {
  const total: PlanTotals = {
    items: 0,
    loaded: 0,
    gaveUp: 0,
    fromRaw: 0,
    xRequests: 0,
    beyondReach: 0,
    countsTickers: new Set(),
    volumeBeyondReach: 0,
  };
  for (const hours of chunks) {
    const plan = await planOf(hours);
    total.items += plan.items.length;
    total.loaded += plan.loaded;
    total.gaveUp += plan.gaveUp;
    total.fromRaw += plan.fromRaw;
    total.xRequests += plan.xRequests;
    total.beyondReach += plan.beyondReach.length;
    for (const ticker of plan.volume.tickers) total.countsTickers.add(ticker);
    total.volumeBeyondReach += plan.volume.beyondReach;
  }
  return total;
}

/** Each chunk planned again as its turn comes (earlier batches changed the ledger); the refused ones noted. */
async function* plannedBatches(
  chunks: Iterable<Date[]>,
  planOf: (hours: Date[]) => Promise<ChunkPlan>,
  refused: NamedFew<TickerHour>,
): AsyncGenerator<{ items: TickerHour[] }> {
  for (const hours of chunks) {
    const plan = await planOf(hours);
    refused.add(plan.beyondReach);
    yield { items: plan.items };
  }
}

async function planChunk(
  pipeline: Pipeline,
  hours: readonly Date[],
  watchlist: readonly WatchEntry[],
  options: BackfillOptions,
  now: Date,
): Promise<ChunkPlan> {
  const { warehouse, raw, posts, volumes } = pipeline.deps;
  const from = hours[0] as Date;
  const to = new Date((hours.at(-1) as Date).getTime() + HOUR_MS);
  // The counts bodies that may count these hours are staged under an hour of the week from each on.
  const countsTo = new Date(to.getTime() + REQUEST_HOURS * HOUR_MS);
  const tickers = watchlist.map((w) => w.ticker);
  const limit = pLimit(8);
  const listed = (prefix: string, until: Date) =>
    Promise.all(tickers.map((t) => limit(() => raw.stagedHours(prefix, t, from, until))));
  const byTicker = (sets: Set<string>[]) => new Map(tickers.map((t, i) => [t, sets[i] as Set<string>]));
  const [ledger, staged, counted] = await Promise.all([
    warehouse.ledger(tickers, from, to),
    listed(posts.rawPrefix, to),
    listed(volumes.source.rawPrefix, countsTo),
  ]);
  const plan = planBackfill({
    hours,
    watchlist,
    ledger,
    stagedPosts: byTicker(staged),
    force: options.force ?? false,
    retryFailed: options.retryFailed ?? false,
    now,
    reachBackMs: posts.reach.backMs,
  });
  const volume = planVolumes({
    items: plan.items,
    stagedCounts: byTicker(counted),
    now,
    reachBackMs: volumes.source.reach.backMs,
  });
  return { ...plan, volume };
}

function describePlan(
  range: HourRange,
  watchlist: readonly WatchEntry[],
  plan: PlanTotals,
  cost: number,
  config: Config,
  usesX: boolean,
): string {
  const hours = hourCount(range);
  const line = (label: string, value: string) => `  ${label.padEnd(28)}${value}\n`;
  return (
    `backfill ${hourLabel(range.from)} – ${hourLabel(range.to)}: ${count(hours, 'hour')} × ${count(watchlist.length, 'ticker')} = ${count(hours * watchlist.length, 'ticker-hour')}\n` +
    line('already loaded', `${plan.loaded} (left as they are; --force redoes them)`) +
    line(
      `gave up after ${GIVE_UP_AFTER} failures`,
      `${plan.gaveUp} (left alone; --retry-failed retries them)`,
    ) +
    line('from the raw store', `${plan.fromRaw} (posts staged${usesX ? ': no X request' : ''})`) +
    (usesX
      ? line('to fetch', `${plan.xRequests} (one X search and one Yahoo chart each)`) +
        line(
          'beyond X recent search',
          `${plan.beyondReach}${plan.beyondReach ? ` (older than ${X_RECENT_DAYS} days: refused; X_SEARCH=all uses full-archive search)` : ''}`,
        ) +
        line(
          'post volume (X counts)',
          `${plan.countsTickers.size} request${plan.countsTickers.size === 1 ? '' : 's'} at most (one per ticker: a request counts a week of its hours)`,
        ) +
        line(
          'volume beyond X counts',
          `${plan.volumeBeyondReach}${plan.volumeBeyondReach ? ` (older than ${X_RECENT_DAYS} days: X counts no further back; their volume stays empty)` : ''}`,
        ) +
        line(
          'estimated X cost',
          `up to $${cost.toFixed(2)} (${plan.xRequests} searches × ${config.x.maxResults} posts × $${config.x.costPerPostUsd} + ${plan.countsTickers.size} counts × $${config.x.costPerCountsRequestUsd})`,
        )
      : line('to make', `${plan.xRequests} (from the sample source: no request, nothing spent)`))
  );
}

function describeResult(
  tally: BatchTally,
  refused: NamedFew<TickerHour>,
  todo: number,
  interrupted: boolean,
  order: (a: string, b: string) => number,
): string {
  const lines = [
    `\n${interrupted ? 'backfill interrupted' : 'backfill done'}: ${tally.loaded} of ${todo} ticker-hours loaded, ${tally.failed.count} failed, ${refused.count} refused, ${tally.busy.total} busy`,
    ...failedLines(tally, order),
    ...refused.named
      .toSorted((a, b) => order(a.entry.ticker, b.entry.ticker))
      .map(
        (t) =>
          `  ${t.entry.ticker} ${hourLabel(t.hourStart)}: ${BEYOND_RECENT} (X_SEARCH=all with a token that allows full-archive search)`,
      ),
    ...(refused.unnamed > 0 ? [`  … and ${refused.unnamed} more beyond X's reach`] : []),
    ...busyLines(tally, 'backfill', order),
    ...(interrupted || tally.failed.count > 0
      ? ['Run the same command again to resume: loaded ticker-hours are skipped.']
      : []),
  ];
  return `${lines.join('\n')}\n`;
}
