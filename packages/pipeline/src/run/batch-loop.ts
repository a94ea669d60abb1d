import type { WarehouseWriter } from '../ports.ts';
import type { TickerOutcome } from '../run-report.ts';
import type { BatchTally } from './batch-tally.ts';
import { withHeldHours } from './held-hours.ts';
import { lostConnection, lostConnectionIn, WarehouseLostError } from './warehouse-lost.ts';

/** A batch of ticker-hours ready to process (planned, or already read), with whatever its command keeps beside. */
export interface Batch<T> {
  items: readonly T[];
}

type ItemOf<B> = B extends Batch<infer T> ? T : never;

export interface BatchWork<T, B> {
  hourOf(item: T): Date;
  tickerOf(item: T): string;
  /** The batch's held items, through the stages to the warehouse: one transaction. */
  process(held: T[], batch: B): Promise<{ outcomes: TickerOutcome[]; rowsChanged: number }>;
  /** After each batch, e.g. to move a progress bar. */
  done?(outcomes: readonly TickerOutcome[]): void;
}

/**
 * What `backfill` and `replay` do, batch after batch: hold the batch's hours → keep the items held → process →
 * release → tally. Asked to stop, it ends between batches (the batch in hand finishes: one transaction), and says
 * it was interrupted; a rerun resumes. A warehouse that stopped answering ends it (WarehouseLostError).
 */
export async function runBatches<B extends Batch<unknown>>(
  warehouse: Pick<WarehouseWriter, 'lockHours'>,
  batches: AsyncIterable<B>,
  work: BatchWork<ItemOf<B>, B>,
  tally: BatchTally,
  stopped: () => boolean,
): Promise<{ interrupted: boolean }> {
  const iterator = batches[Symbol.asyncIterator]();
  try {
    while (!stopped()) {
      const next = await iterator.next().catch((error: unknown) => {
        const lost = lostConnectionIn(error);
        throw lost === undefined ? error : new WarehouseLostError(lost, tally.loaded);
      });
      if (next.done) return { interrupted: false };
      const batch = next.value;
      const items = batch.items as readonly ItemOf<B>[];
      if (items.length === 0) continue;
      const { result, busy } = await withHeldHours(warehouse, items, work.hourOf, (held) =>
        work.process(held, batch),
      );
      for (const item of busy) tally.busy.note(work.tickerOf(item), work.hourOf(item));
      const lost = lostConnection(result.outcomes);
      if (lost !== undefined) throw new WarehouseLostError(lost, tally.loaded);
      tally.add(result.outcomes, result.rowsChanged);
      work.done?.(result.outcomes);
    }
    return { interrupted: true };
  } finally {
    await iterator.return?.();
  }
}

/**
 * The batches of `source`, each read while the one before is processed: reading needs no lock, so a long command's
 * reads and writes overlap. At most one batch is read ahead; one in flight when the consumer stops is awaited.
 */
export async function* readAhead<B>(source: AsyncIterable<B>): AsyncGenerator<B> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    while (true) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // Awaited on the next turn or in `finally`; until then a failed read must not count as unhandled.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await next.catch(() => undefined);
    await iterator.return?.();
  }
}
