import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { type Config, ConfigError, parseWatchlist, type WatchEntry } from '@stockpipe/shared';
import pLimit from 'p-limit';
import { type BackfillPlan, estimatedXCost, planBackfill } from '../backfill/plan.ts';
import { type Progress, progress } from '../cli/progress.ts';
import { count } from '../format/count.ts';
import { createLogger } from '../log.ts';
import { type TickerHour, tickerOutcome } from '../run/outcome.ts';
import { processBatch } from '../run/process.ts';
import type { TickerOutcome } from '../run-report.ts';
import type { XRateWindow } from '../sources/x-rate-window.ts';
import { stopAsked } from '../stop-signal.ts';
import { type HourRange, hourChunks, hourCount, parseHourRange } from '../time/hour-range.ts';
import { HOUR_MS, hourKey, hourLabel } from '../time/hours.ts';
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

export interface CommandIo {
  out: (text: string) => void;
  /** A terminal to draw progress and ask on; null when output goes to a file or a log. */
  terminal: NodeJS.WriteStream | null;
  ask?: (question: string) => Promise<string>;
}

/** Past this many ticker-hours a backfill asks for --yes, whatever it costs: it is a long job. */
const LARGE_BACKFILL = 10_000;
/** A plan whose X cost is above this asks first (on a terminal) or needs --yes. */
const CONFIRM_ABOVE_USD = 1;
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
  const watchlist = options.watchlist === undefined ? config.watchlist : parseWatchlist(options.watchlist);
  const size = hourCount(range) * watchlist.length;
  if (size > LARGE_BACKFILL && !options.yes && !options.dryRun) {
    throw new ConfigError([
      `--from/--to: ${size.toLocaleString('en-US')} ticker-hours is over ${LARGE_BACKFILL.toLocaleString('en-US')}; add --yes to run it (or --dry-run to see its plan)`,
    ]);
  }
  const logger = createLogger(config.logLevel ?? 'warn', { destination: process.stderr });
  let bar: Progress | undefined;
  let xWindow: XRateWindow | undefined;
  const pipeline = await openPipeline(config, logger, {
    xRequests: {
      unbounded: true,
      onWait: (until) => bar?.waiting(until),
      onWindow: (window) => {
        xWindow = window;
      },
    },
  });
  try {
    const chunkHours = Math.max(1, Math.floor(BATCH_TICKER_HOURS / watchlist.length));
    const plan = await totalPlan(pipeline, range, watchlist, chunkHours, options, now);
    const cost = pipeline.deps.posts.reach.billed
      ? estimatedXCost(plan.xRequests, config.x.maxResults, config.x.costPerPostUsd)
      : 0;
    io.out(describePlan(range, watchlist, plan, cost, config));
    if (options.dryRun) return 0;
    if (cost > CONFIRM_ABOVE_USD && !options.yes) {
      const question = `Spend up to $${cost.toFixed(2)} on X for this backfill? [y/N] `;
      if (!io.terminal || !io.ask) {
        throw new ConfigError([
          `--yes: the plan may cost up to $${cost.toFixed(2)} on X (over $${CONFIRM_ABOVE_USD}); add --yes to spend it`,
        ]);
      }
      if (!/^y(es)?$/i.test((await io.ask(question)).trim())) {
        io.out('Nothing done.\n');
        return 1;
      }
    }
    const todo = plan.items;
    bar = progress({
      total: todo,
      label: 'backfill',
      terminal: io.terminal,
      line: (json) => io.out(`${json}\n`),
      usesX: config.source === 'live',
    });
    const shown = bar;
    const result = await execute(pipeline, range, watchlist, chunkHours, options, now, {
      advance: (outcomes) => {
        shown.advance(outcomes);
        shown.xLeft(xWindow?.state.remaining);
      },
    });
    bar.stop();
    io.out(describeResult(result, todo));
    if (result.interrupted) return 130;
    return result.failedCount + result.refusedCount + result.busy === 0 ? 0 : 1;
  } finally {
    bar?.stop();
    await pipeline.close();
  }
}

/** The plan's counts over the whole range: a chunk's items are planned again when it runs, so none is kept. */
type PlanTotals = Omit<BackfillPlan, 'items' | 'beyondReach'> & { items: number; beyondReach: number };

/** Every chunk of the range planned and counted, a chunk at a time: memory does not grow with the range. */
async function totalPlan(
  pipeline: Pipeline,
  range: HourRange,
  watchlist: readonly WatchEntry[],
  chunkHours: number,
  options: BackfillOptions,
  now: Date,
): Promise<PlanTotals> {
  const total: PlanTotals = { items: 0, loaded: 0, gaveUp: 0, fromRaw: 0, xRequests: 0, beyondReach: 0 };
  for (const hours of hourChunks(range, chunkHours)) {
    const plan = await planChunk(pipeline, hours, watchlist, options, now);
    total.items += plan.items.length;
    total.loaded += plan.loaded;
    total.gaveUp += plan.gaveUp;
    total.fromRaw += plan.fromRaw;
    total.xRequests += plan.xRequests;
    total.beyondReach += plan.beyondReach.length;
  }
  return total;
}

/** How many failed or refused ticker-hours the summary names one by one; the rest are counted. */
const NAMED = 20;

async function planChunk(
  pipeline: Pipeline,
  hours: readonly Date[],
  watchlist: readonly WatchEntry[],
  options: BackfillOptions,
  now: Date,
): Promise<BackfillPlan> {
  const { warehouse, raw, posts } = pipeline.deps;
  const from = hours[0] as Date;
  const to = new Date((hours.at(-1) as Date).getTime() + HOUR_MS);
  const tickers = watchlist.map((w) => w.ticker);
  const limit = pLimit(8);
  const [ledger, staged] = await Promise.all([
    warehouse.ledger(tickers, from, to),
    Promise.all(tickers.map((t) => limit(() => raw.stagedHours(posts.rawPrefix, t, from, to)))),
  ]);
  return planBackfill({
    hours,
    watchlist,
    ledger,
    stagedPosts: new Map(tickers.map((t, i) => [t, staged[i] as Set<string>])),
    force: options.force ?? false,
    retryFailed: options.retryFailed ?? false,
    now,
    reachBackMs: pipeline.deps.posts.reach.backMs,
  });
}

interface BackfillResult {
  loaded: number;
  /** How many failed and refused, and the first NAMED of each. */
  failedCount: number;
  failed: TickerOutcome[];
  refusedCount: number;
  refused: TickerHour[];
  /** Ticker-hours left because another run held their hour. */
  busy: number;
  interrupted: boolean;
}

async function execute(
  pipeline: Pipeline,
  range: HourRange,
  watchlist: readonly WatchEntry[],
  chunkHours: number,
  options: BackfillOptions,
  now: Date,
  bar: Pick<Progress, 'advance'>,
): Promise<BackfillResult> {
  const result: BackfillResult = {
    loaded: 0,
    failedCount: 0,
    failed: [],
    refusedCount: 0,
    refused: [],
    busy: 0,
    interrupted: false,
  };
  const runId = `backfill-${randomUUID().slice(0, 8)}`;
  const log = pipeline.deps.logger.child({ runId });
  // Ctrl-C or SIGTERM: the batch in hand finishes (one transaction), then it stops; a rerun resumes.
  const stopped = stopAsked();
  for (const hours of hourChunks(range, chunkHours)) {
    if (stopped()) return { ...result, interrupted: true };
    const plan = await planChunk(pipeline, hours, watchlist, options, now);
    result.refusedCount += plan.beyondReach.length;
    result.refused.push(...plan.beyondReach.slice(0, NAMED - result.refused.length));
    if (plan.items.length === 0) continue;
    // Waits for the first hour (the embedded data dir's writer lock, or that hour's run), takes the others if free.
    const held = await pipeline.deps.warehouse.lockHours([...new Set(plan.items.map((i) => i.hourStart))], {
      waitFor: plan.items[0]?.hourStart,
    });
    const heldHours = new Set(held.hours.map((h) => h.getTime()));
    const items = plan.items.filter((i) => heldHours.has(i.hourStart.getTime()));
    result.busy += plan.items.length - items.length;
    try {
      const outcomes = (await processBatch(pipeline.deps, items, runId, log)).outcomes.map(tickerOutcome);
      result.loaded += outcomes.filter((o) => o.status === 'loaded').length;
      const failed = outcomes.filter((o) => o.status === 'failed');
      result.failedCount += failed.length;
      result.failed.push(...failed.slice(0, NAMED - result.failed.length));
      bar.advance(outcomes);
    } finally {
      await held.release();
    }
  }
  return result;
}

function describePlan(
  range: HourRange,
  watchlist: readonly WatchEntry[],
  plan: PlanTotals,
  cost: number,
  config: Config,
): string {
  const hours = hourCount(range);
  const line = (label: string, value: string) => `  ${label.padEnd(28)}${value}\n`;
  return (
    `backfill ${hourLabel(range.from)} – ${hourLabel(range.to)}: ${count(hours, 'hour')} × ${count(watchlist.length, 'ticker')} = ${count(hours * watchlist.length, 'ticker-hour')}\n` +
    line('already loaded', `${plan.loaded} (left as they are; --force redoes them)`) +
    line('gave up after 3 failures', `${plan.gaveUp} (left alone; --retry-failed retries them)`) +
    line('from the raw store', `${plan.fromRaw} (posts staged: no X request)`) +
    line('to fetch', `${plan.xRequests} (one X search and one Yahoo chart each)`) +
    line(
      'beyond X recent search',
      `${plan.beyondReach}${plan.beyondReach ? ' (older than 7 days: refused; X_SEARCH=all uses full-archive search)' : ''}`,
    ) +
    line(
      'estimated X cost',
      config.source === 'live'
        ? `up to $${cost.toFixed(2)} (${plan.xRequests} requests × ${config.x.maxResults} posts × $${config.x.costPerPostUsd})`
        : '$0 (sample data)',
    )
  );
}

function describeResult(result: BackfillResult, todo: number): string {
  const more = (count: number, named: number, what: string) =>
    count > named ? [`  … and ${count - named} more ${what}`] : [];
  const lines = [
    `\n${result.interrupted ? 'backfill interrupted' : 'backfill done'}: ${result.loaded} of ${todo} ticker-hours loaded, ${result.failedCount} failed, ${result.refusedCount} refused, ${result.busy} busy`,
    ...result.failed.map((o) =>
      o.status === 'failed'
        ? `  ${o.ticker} ${hourLabel(o.hourStart)} failed at ${o.stage}: ${o.reason}`
        : '',
    ),
    ...more(result.failedCount, result.failed.length, 'failed (`stockpipe status` lists them all)'),
    ...result.refused.map(
      (t) =>
        `  ${t.entry.ticker} ${hourLabel(t.hourStart)}: beyond X recent search's 7 days (X_SEARCH=all with a token that allows full-archive search)`,
    ),
    ...more(result.refusedCount, result.refused.length, "beyond X's reach"),
    ...(result.busy > 0
      ? ['  busy: another run held their hour; run the same command again to take them']
      : []),
    ...(result.interrupted || result.failedCount > 0
      ? ['Run the same command again to resume: loaded ticker-hours are skipped.']
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** A terminal question, for confirmations. */
export async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
