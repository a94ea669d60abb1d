import { randomUUID } from 'node:crypto';
import { type Config, parseWatchlist, type WatchEntry } from '@stockpipe/shared';
import { type Progress, progress } from '../cli/progress.ts';
import { count } from '../format/count.ts';
import { createLogger, type Logger } from '../log.ts';
import type { Extracted } from '../run/extract.ts';
import { extract } from '../run/extract.ts';
import { type Outcome, type TickerHour, tickerOutcome } from '../run/outcome.ts';
import { finishBatch } from '../run/process.ts';
import type { TickerOutcome } from '../run-report.ts';
import { stopAsked } from '../stop-signal.ts';
import { type HourRange, hourChunks, hourCount, parseHourRange } from '../time/hour-range.ts';
import { HOUR_MS, hourKey, hourLabel } from '../time/hours.ts';
import { openPipeline, type Pipeline } from '../wiring.ts';
import type { CommandIo } from './backfill-command.ts';

export interface ReplayOptions {
  from: string;
  to: string;
  watchlist?: string;
}

// A ticker's hours are read a window at a time: one listing of its folder, one transaction, one scoring pass.
// Two windows are in memory at once (one read ahead): this size keeps a replay's memory flat and small.
const WINDOW_HOURS = 360;

/** Ticker-hours of one kind (no staged body, redacted), kept as a span per ticker so that any range fits in memory. */
interface HourSpan {
  count: number;
  first: string;
  last: string;
}

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
  const watchlist = options.watchlist === undefined ? config.watchlist : parseWatchlist(options.watchlist);
  const logger = createLogger(config.logLevel ?? 'warn', { destination: process.stderr });
  const pipeline = await openPipeline(config, logger);
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
    const result = await replay(pipeline, range, watchlist, bar);
    bar.stop();
    io.out(describe(result));
    if (result.interrupted) return 130;
    return result.failed.length === 0 && result.busy.size === 0 ? 0 : 1;
  } finally {
    bar.stop();
    await pipeline.close();
  }
}

interface ReplayResult {
  replayed: number;
  rowsChanged: number;
  failed: TickerOutcome[];
  missing: Map<string, HourSpan>;
  /** Hours another run (or the compliance check) held for longer than the lock wait: not replayed this time. */
  busy: Map<string, HourSpan>;
  /** Replayed hours whose posts body had posts removed by compliance, as spans per ticker. */
  redacted: Map<string, HourSpan>;
  interrupted: boolean;
}

async function replay(
  pipeline: Pipeline,
  range: HourRange,
  watchlist: readonly WatchEntry[],
  bar: Progress,
): Promise<ReplayResult> {
  const { warehouse } = pipeline.deps;
  const result: ReplayResult = {
    replayed: 0,
    rowsChanged: 0,
    failed: [],
    missing: new Map(),
    busy: new Map(),
    redacted: new Map(),
    interrupted: false,
  };
  const runId = `replay-${randomUUID().slice(0, 8)}`;
  const log = pipeline.deps.logger.child({ runId });
  const stopped = stopAsked();
  const windows = windowsOf(watchlist, range);
  const readNext = () => {
    const next = windows.next();
    return next.done ? null : read(pipeline, next.value, runId, log);
  };
  // Reading a window needs no lock: the next one is read while this one is scored, stored and loaded.
  let reading = readNext();
  while (reading) {
    const window = await reading;
    reading = stopped() ? null : readNext();
    for (const hour of window.missing) noteHour(result.missing, window.ticker, hour);
    bar.skip(window.missing.length);
    if (window.extracted.length === 0) continue;
    const held = await warehouse.lockHours(
      window.extracted.map((o) => o.item.hourStart),
      { waitFor: window.extracted[0]?.item.hourStart },
    );
    try {
      const heldHours = new Set(held.hours.map((h) => h.getTime()));
      const mine = await reread(
        pipeline,
        window,
        window.extracted.filter((o) => heldHours.has(o.item.hourStart.getTime())),
        runId,
        log,
      );
      const { outcomes, rowsChanged } = await finishBatch(pipeline.deps, mine, runId, log);
      const told = outcomes.map(tickerOutcome);
      result.replayed += told.filter((o) => o.status === 'loaded').length;
      result.failed.push(...told.filter((o) => o.status === 'failed'));
      for (const loaded of told.filter((o) => o.status === 'loaded'))
        if (window.redacted.has(hourKey(loaded.hourStart)))
          noteHour(result.redacted, window.ticker, hourKey(loaded.hourStart));
      result.rowsChanged += rowsChanged;
      for (const busy of window.extracted.filter((o) => !heldHours.has(o.item.hourStart.getTime())))
        noteHour(result.busy, window.ticker, hourKey(busy.item.hourStart));
      bar.advance(told);
    } finally {
      await held.release();
    }
  }
  return { ...result, interrupted: stopped() };
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
  const items = again.map((o) => o.item);
  return [...kept, ...(await extract(pipeline.deps, items, runId, log))];
}

/** A ticker's hours, WINDOW_HOURS at a time, one ticker after the other: lazily, so any range fits. */
function* windowsOf(
  watchlist: readonly WatchEntry[],
  range: HourRange,
): Generator<{ entry: WatchEntry; hours: Date[] }> {
  for (const entry of watchlist) for (const hours of hourChunks(range, WINDOW_HOURS)) yield { entry, hours };
}

/** A window of one ticker's hours, read ahead of its lock. */
interface Window {
  ticker: string;
  missing: string[];
  redacted: Set<string>;
  extracted: Outcome<Extracted>[];
}

/** A window's staged ticker-hours, read and transformed; the hours with a body missing, listed. */
async function read(
  pipeline: Pipeline,
  { entry, hours }: { entry: WatchEntry; hours: Date[] },
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
  const missing: string[] = [];
  for (const hourStart of hours) {
    const hour = hourKey(hourStart);
    if (stagedPosts.has(hour) && stagedBars.has(hour)) items.push({ entry, hourStart, from: 'staged' });
    else missing.push(hour);
  }
  return {
    ticker: entry.ticker,
    missing,
    redacted,
    extracted: await extract(pipeline.deps, items, runId, log),
  };
}

function noteHour(spans: Map<string, HourSpan>, ticker: string, hour: string): void {
  const span = spans.get(ticker);
  if (span) {
    span.count += 1;
    span.last = hour;
  } else spans.set(ticker, { count: 1, first: hour, last: hour });
}

function describe(result: ReplayResult): string {
  const missing = [...result.missing].map(
    ([ticker, span]) =>
      `  ${ticker}: ${count(span.count, 'hour')} with no staged body, between ${span.first}:00Z and ${span.last}:00Z (not guessed: backfill fetches them)`,
  );
  const lines = [
    `\n${result.interrupted ? 'replay interrupted' : 'replay done'}: ${count(result.replayed, 'ticker-hour')} replayed, ${count(result.rowsChanged, 'row')} changed, ${result.failed.length} failed`,
    ...result.failed.map((o) =>
      o.status === 'failed'
        ? `  ${o.ticker} ${hourLabel(o.hourStart)} failed at ${o.stage}: ${o.reason}`
        : '',
    ),
    ...missing,
    ...[...result.busy].map(
      ([ticker, span]) =>
        `  ${ticker}: ${count(span.count, 'hour')} busy (another run or the compliance check held them past STOCKPIPE_LOCK_WAIT_SECONDS), between ${span.first}:00Z and ${span.last}:00Z: run the same replay again to take them`,
    ),
    ...[...result.redacted].map(
      ([ticker, span]) =>
        `  ${ticker}: ${span.count} replayed hours had posts removed by compliance (X said they must go), from ${span.first}:00Z to ${span.last}:00Z: their counts may differ from the original run's`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
