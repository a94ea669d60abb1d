import type { Config, WatchEntry } from '@stockpipe/shared';
import { busyLines, failedLines, spanLines } from '../cli/batch-summary.ts';
import type { CommandIo } from '../cli/command-io.ts';
import { watchlistOf } from '../cli/flags.ts';
import { progress } from '../cli/progress.ts';
import { commandRunId } from '../cli/run-id.ts';
import { count } from '../format/count.ts';
import { commandLogger, type Logger } from '../log.ts';
import { readAhead, runBatches } from '../run/batch-loop.ts';
import { BatchTally, HourSpans } from '../run/batch-tally.ts';
import { withBenchmark } from '../run/benchmark.ts';
import { type Extracted, extract } from '../run/extract.ts';
import { type Outcome, type TickerHour, tickerOutcome } from '../run/outcome.ts';
import { finishBatch } from '../run/process.ts';
import { byWatchlist } from '../status/ticker-order.ts';
import { stopAsked } from '../stop-signal.ts';
import { type HourRange, hourChunks, hourCount, parseHourRange } from '../time/hour-range.ts';
import { HOUR_MS, hourKey, hourLabel } from '../time/hours.ts';
import { openPipeline, type Pipeline } from '../wiring.ts';

export interface ReplayOptions {
  from: string;
  to: string;
  watchlist?: string;
}

// A ticker's hours are read a window at a time: one listing of its folder, one transaction, one scoring pass.
// Two windows are in memory at once (one read ahead): this size keeps a replay's memory flat and small.
const WINDOW_HOURS = 360;

/**
 * `stockpipe replay --from --to`: rebuilds the rows of the range from the raw store alone, never calling X or
 * Yahoo: transform, score with the configured scorer, store documents, load, ledger. A ticker-hour with no staged
 * body is listed, not guessed. Replayed with the same scorer, every row stays as it was (run id included); with
 * another, the sentiment columns change and nothing else. An hour whose body compliance rewrote replays without
 * the posts X said must go (they are not in the body any more), so its counts may differ from the original run's:
 * the summary lists those hours. It goes a ticker and a window at a time, so its memory does not grow with the range.
 */
export async function replayCommand(
  config: Config,
  options: ReplayOptions,
  io: CommandIo,
  now = new Date(),
): Promise<number> {
  const range = parseHourRange(options.from, options.to, now);
  const watchlist = withBenchmark(watchlistOf(options.watchlist, config), config.benchmark);
  const pipeline = await openPipeline(config, commandLogger(config));
  const total = hourCount(range) * watchlist.length;
  const bar = progress({
    total,
    label: 'replay',
    terminal: io.terminal,
    line: (json) => io.out(`${json}\n`),
    usesX: false,
  });
  try {
    io.out(
      `replay ${hourLabel(range.from)} – ${hourLabel(range.to)}: ${count(total, 'ticker-hour')} from ${pipeline.deps.raw.location}, scored by ${config.sentiment}; no request to X or Yahoo\n`,
    );
    const runId = commandRunId('replay');
    const log = pipeline.deps.logger.child({ runId });
    const tally = new BatchTally();
    const missing = new HourSpans();
    const redacted = new HourSpans();
    const windows = readAhead(
      readWindows(pipeline, watchlist, range, runId, log, (window) => {
        for (const hour of window.missing) missing.note(window.ticker, hour);
        bar.skip(window.missing.length);
      }),
    );
    const { interrupted } = await runBatches(
      pipeline.deps.warehouse,
      windows,
      {
        hourOf: (o) => o.item.hourStart,
        tickerOf: (o) => o.item.entry.ticker,
        async process(held, window) {
          const mine = await reread(pipeline, window, held, runId, log);
          const { outcomes, rowsChanged } = await finishBatch(pipeline.deps, mine, runId, log);
          const told = outcomes.map(tickerOutcome);
          for (const o of told)
            if (o.status === 'loaded' && window.redacted.has(hourKey(o.hourStart)))
              redacted.note(o.ticker, o.hourStart);
          return { outcomes: told, rowsChanged };
        },
        done: (outcomes) => bar.advance(outcomes),
      },
      tally,
      stopAsked(),
    );
    bar.stop();
    io.out(describe(tally, missing, redacted, interrupted, byWatchlist(watchlist.map((w) => w.ticker))));
    if (interrupted) return 130;
    return tally.failed.count === 0 && tally.busy.total === 0 ? 0 : 1;
  } finally {
    bar.stop();
    await pipeline.close();
  }
}

/** A window of one ticker's hours, read ahead of its lock. */
interface Window {
  ticker: string;
  items: Outcome<Extracted>[];
  missing: Date[];
  /** The hours (keys) whose posts body compliance rewrote, as known so far. */
  redacted: Set<string>;
}

/** Each ticker's hours, WINDOW_HOURS at a time, read and transformed; lazily, so any range fits. */
async function* readWindows(
  pipeline: Pipeline,
  watchlist: readonly WatchEntry[],
  range: HourRange,
  runId: string,
  log: Logger,
  onRead: (window: Window) => void,
): AsyncGenerator<Window> {
  for (const entry of watchlist)
    for (const hours of hourChunks(range, WINDOW_HOURS)) {
      const window = await readWindow(pipeline, entry, hours, runId, log);
      onRead(window);
      yield window;
    }
}

/** A window's staged ticker-hours, read and transformed; the hours with a body missing, listed. */
async function readWindow(
  pipeline: Pipeline,
  entry: WatchEntry,
  hours: Date[],
  runId: string,
  log: Logger,
): Promise<Window> {
  const { raw, posts, prices } = pipeline.deps;
  const from = hours[0] as Date;
  const to = new Date((hours.at(-1) as Date).getTime() + HOUR_MS);
  const [stagedPosts, stagedBars, redacted] = await Promise.all([
    raw.stagedHours(posts.rawPrefix, entry.ticker, from, to),
    raw.stagedHours(prices.rawPrefix, entry.ticker, from, to),
    raw.redactedHours(posts.rawPrefix, entry.ticker, from, to),
  ]);
  const items: TickerHour[] = [];
  const missing: Date[] = [];
  for (const hourStart of hours) {
    const hour = hourKey(hourStart);
    const postsKept = entry.pricesOnly === true || stagedPosts.has(hour);
    if (postsKept && stagedBars.has(hour)) items.push({ entry, hourStart, from: 'staged' });
    else missing.push(hourStart);
  }
  return {
    ticker: entry.ticker,
    missing,
    redacted,
    items: await extract(pipeline.deps, items, runId, log),
  };
}

/**
 * The window's hours as they are now that they are held: compliance (which takes the same locks) may have removed
 * posts from a body between the read ahead and the lock. Its hours newly redacted are read again, so a replay never
 * writes back a post X said must go.
 */
async function reread(
  pipeline: Pipeline,
  window: Window,
  held: Outcome<Extracted>[],
  runId: string,
  log: Logger,
): Promise<Outcome<Extracted>[]> {
  const { raw, posts } = pipeline.deps;
  const first = held[0]?.item.hourStart;
  const last = held.at(-1)?.item.hourStart;
  if (!first || !last) return held;
  const redacted = await raw.redactedHours(
    posts.rawPrefix,
    window.ticker,
    first,
    new Date(last.getTime() + HOUR_MS),
  );
  const changed = (o: Outcome<Extracted>) =>
    redacted.has(hourKey(o.item.hourStart)) && !window.redacted.has(hourKey(o.item.hourStart));
  const again = held.filter(changed);
  if (again.length === 0) return held;
  const kept = held.filter((o) => !changed(o));
  for (const hour of redacted) window.redacted.add(hour);
  return [
    ...kept,
    ...(await extract(
      pipeline.deps,
      again.map((o) => o.item),
      runId,
      log,
    )),
  ];
}

function describe(
  tally: BatchTally,
  missing: HourSpans,
  redacted: HourSpans,
  interrupted: boolean,
  order: (a: string, b: string) => number,
): string {
  const lines = [
    `\n${interrupted ? 'replay interrupted' : 'replay done'}: ${count(tally.loaded, 'ticker-hour')} replayed, ${count(tally.rowsChanged, 'row')} changed, ${tally.failed.count} failed`,
    ...failedLines(tally, order),
    ...spanLines(
      missing.entries(),
      order,
      (span) => `${count(span.count, 'hour')} with no staged body`,
      ' (not guessed: backfill fetches them)',
    ),
    ...busyLines(tally, 'replay', order),
    ...spanLines(
      redacted.entries(),
      order,
      (span) => `${span.count} replayed hours had posts removed by compliance (X said they must go)`,
      ": their counts may differ from the original run's",
    ),
  ];
  return `${lines.join('\n')}\n`;
}
