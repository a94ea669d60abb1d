import { type Logger, timed } from '../log.ts';
import type { WarehouseWriter } from '../ports.ts';
import type { LedgerEntry, RowSource, WarehouseRow } from '../records.ts';
import { joinHour } from '../stages/join.ts';
import { summariseHour } from '../stages/summarise.ts';
import { topPosts } from '../stages/top-posts.ts';
import { fail, going, type Outcome } from './outcome.ts';
import type { Scored } from './score.ts';
import type { Volumes } from './volume.ts';

/** A ticker-hour in the warehouse: its row. */
export interface Loaded {
  row: WarehouseRow;
}

/** The outcomes, and how many rows the load changed (a rerun or replay with the same data changes none). */
export interface LoadResult {
  outcomes: Outcome<Loaded>[];
  rowsChanged: number;
}

/**
 * Summarise, join and load: each ticker-hour summarised and joined with its candle and post volume into a row, its
 * most engaged posts kept, then every row loaded in one transaction with the ledger's record of every attempt, failed ones
 * included. A row the database refuses fails at `load` alone; a load that fails outright (the database gone, the
 * run's budget spent: `signal`) fails them all, and the failures are recorded alone if the database still answers.
 */
export async function load(
  warehouse: WarehouseWriter,
  outcomes: readonly Outcome<Scored>[],
  volumes: Volumes,
  provenance: { runId: string; source: RowSource },
  log: Logger,
  signal?: AbortSignal,
): Promise<LoadResult> {
  const { runId, source } = provenance;
  const live = going(outcomes);
  const rows = new Map(
    live.map((o) => [
      o,
      joinHour(
        summariseHour(o.item.entry.ticker, o.item.hourStart, o.posts),
        o.candle,
        volumes.get(o.item) ?? null,
        runId,
        source,
      ),
    ]),
  );
  const posts = live.flatMap((o) => topPosts(o.posts, runId));
  const batch = { rows: [...rows.values()], posts, ledger: outcomes.map((o) => ledgerEntry(o, runId)) };
  try {
    const { rowsChanged, refused } = await timed(
      log,
      'load',
      {},
      () => warehouse.load(batch, { signal }),
      (result) => ({
        rows: rows.size,
        changed: result.rowsChanged,
        posts: posts.length,
        refused: result.refused.length,
      }),
    );
    const why = new Map(refused.map((r) => [`${r.ticker}@${r.hourStart.getTime()}`, r.reason]));
    const refusal = (o: Outcome<Scored>) => why.get(`${o.item.entry.ticker}@${o.item.hourStart.getTime()}`);
    return {
      outcomes: outcomes.map((o) => {
        if (!o.ok) return o;
        const reason = refusal(o);
        if (reason !== undefined) return fail(log, o.item, 'load', new Error(reason));
        return { ok: true, item: o.item, row: rows.get(o) as WarehouseRow };
      }),
      rowsChanged,
    };
  } catch (error) {
    const failed = outcomes.map((o) => (o.ok ? fail(log, o.item, 'load', error) : o));
    await warehouse
      .load({ rows: [], posts: [], ledger: failed.map((o) => ledgerEntry(o, runId)) }, { signal })
      .catch((again: unknown) => log.warn({ stage: 'ledger', err: again }, 'ledger not written'));
    return { outcomes: failed, rowsChanged: 0 };
  }
}

function ledgerEntry(outcome: Outcome<unknown>, runId: string): LedgerEntry {
  return {
    ticker: outcome.item.entry.ticker,
    hourStart: outcome.item.hourStart,
    runId,
    failure: outcome.ok
      ? null
      : { stage: outcome.stage, reason: outcome.reason, counts: outcome.counts !== false },
  };
}
