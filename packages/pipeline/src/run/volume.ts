import pLimit from 'p-limit';
import { type Logger, timed } from '../log.ts';
import type { SpendGuard } from '../spend/x-spend-guard.ts';
import { going, type Outcome, type TickerHour } from './outcome.ts';
import type { PostVolumes } from './post-volumes.ts';
import type { RunBudget } from './run-budget.ts';

export interface VolumeDeps {
  /** The command's counts: what it read and asked, so each hour is asked at most once whatever the batches. */
  volumes: PostVolumes;
  concurrency: number;
  /** The month's X budget: once spent, no counts request either. */
  xSpend?: SpendGuard;
  budget?: RunBudget;
}

/** Each ticker-hour's post volume: X's count of the posts its query matched in the hour, null where not counted. */
export type Volumes = ReadonlyMap<TickerHour, number | null>;

/**
 * Volume: the post volume of each ticker-hour still going, a ticker at a time (one counts request at most, for all
 * its hours), from staged counts first. A ticker that could not be counted is logged once, with the reason, and its
 * hours keep a null volume: the volume never fails a ticker-hour.
 */
export async function countVolumes(
  deps: VolumeDeps,
  outcomes: readonly Outcome<unknown>[],
  runId: string,
  log: Logger,
): Promise<Volumes> {
  const byTicker = new Map<string, TickerHour[]>();
  for (const { item } of going(outcomes)) {
    // A ticker kept for its prices alone (the benchmark) is never searched, so never counted either.
    if (item.entry.pricesOnly) continue;
    const items = byTicker.get(item.entry.ticker) ?? [];
    items.push(item);
    byTicker.set(item.entry.ticker, items);
  }
  const limit = pLimit(deps.concurrency);
  const counted = await timed(
    log,
    'volume',
    {},
    () =>
      Promise.all(
        [...byTicker.values()].map((items) =>
          limit(async () => {
            const { entry } = items[0] as TickerHour;
            const result = await deps.volumes.volumesOf({
              entry,
              hours: items.map((i) => i.hourStart),
              fetch: items.some((i) => i.from !== 'staged'),
              runId,
              signal: deps.budget?.fetching,
              spend: deps.xSpend,
            });
            return { items, ...result };
          }),
        ),
      ),
    (tickers) => ({
      tickers: tickers.length,
      requests: tickers.reduce((sum, t) => sum + t.requests, 0),
      counted: tickers.reduce((sum, t) => sum + [...t.volumes.values()].filter((v) => v !== null).length, 0),
      uncounted: tickers.reduce(
        (sum, t) => sum + [...t.volumes.values()].filter((v) => v === null).length,
        0,
      ),
    }),
  );
  const volumes = new Map<TickerHour, number | null>();
  for (const { items, volumes: counts, problem } of counted) {
    if (problem) {
      const ticker = (items[0] as TickerHour).entry.ticker;
      log.warn({ stage: 'volume', ticker, hours: items.length, reason: problem }, 'volume not counted');
    }
    for (const item of items) volumes.set(item, counts.get(item.hourStart.getTime()) ?? null);
  }
  return volumes;
}
