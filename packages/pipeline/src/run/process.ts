import type { Logger } from '../log.ts';
import type { DocumentStore, SentimentScorer, Warehouse } from '../ports.ts';
import { type ExtractDeps, type Extracted, extract } from './extract.ts';
import { type LoadResult, load } from './load.ts';
import type { Outcome, TickerHour } from './outcome.ts';
import { score } from './score.ts';
import { store } from './store.ts';

export interface ProcessDeps extends ExtractDeps {
  scorer: SentimentScorer;
  documents: DocumentStore;
  warehouse: Warehouse;
}

/**
 * Steps 1–7 for a batch of ticker-hours, whatever their hours: extract (or read what is staged) → keep raw →
 * transform → score → store documents → summarise, join and load with the ledger, in one transaction. What `run`,
 * `backfill` and `replay` all do; the batch is their unit of work and of interruption.
 */
export async function processBatch(
  deps: ProcessDeps,
  items: readonly TickerHour[],
  runId: string,
  log: Logger,
): Promise<LoadResult> {
  const extracted = await extract(deps, items, runId, log); // 1–3
  return finishBatch(deps, extracted, runId, log);
}

/** Steps 4–7 of a batch already extracted: a long command reads its next batch while this one finishes. */
export async function finishBatch(
  deps: ProcessDeps,
  extracted: readonly Outcome<Extracted>[],
  runId: string,
  log: Logger,
): Promise<LoadResult> {
  const scored = await score(deps.scorer, extracted, log); // 4
  const stored = await store(deps.documents, scored, log); // 5
  return load(deps.warehouse, stored, runId, log); // 6–7
}
