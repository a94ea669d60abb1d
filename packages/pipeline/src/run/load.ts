import { type Logger, timed } from '../log.ts';
import type { WarehouseWriter } from '../ports.ts';
import type { WarehouseRow } from '../records.ts';
import { joinHour } from '../stages/join.ts';
import { summariseHour } from '../stages/summarise.ts';
import { topPosts } from '../stages/top-posts.ts';
import { fail, going, type Outcome } from './outcome.ts';
import type { Scored } from './score.ts';

/** A ticker-hour in the warehouse: its row. */
export interface Loaded {
  row: WarehouseRow;
}

/**
 * Steps 6–7: each ticker-hour summarised and joined with its candle into a row, its most engaged posts kept, then
 * every row loaded in one transaction: all land, or none (and then each fails at `load`).
 */
export async function load(
  warehouse: WarehouseWriter,
  outcomes: readonly Outcome<Scored>[],
  runId: string,
  log: Logger,
): Promise<Outcome<Loaded>[]> {
  const live = going(outcomes);
  const rows = new Map(
    live.map((o) => [
      o,
      joinHour(summariseHour(o.item.entry.ticker, o.item.hourStart, o.posts), o.candle, runId),
    ]),
  );
  const posts = live.flatMap((o) => topPosts(o.posts, runId));
  if (rows.size > 0) {
    try {
      await timed(
        log,
        'load',
        {},
        () => warehouse.upsert([...rows.values()], posts),
        () => ({ rows: rows.size, posts: posts.length }),
      );
    } catch (error) {
      return outcomes.map((o) => (o.ok ? fail(log, o.item, 'load', error) : o));
    }
  }
  return outcomes.map((o) => (o.ok ? { ok: true, item: o.item, row: rows.get(o) as WarehouseRow } : o));
}
