import type { Logger } from '../log.ts';
import type { DocumentStore, SentimentScorer, Warehouse } from '../ports.ts';
import { type ExtractDeps, type Extracted, extract } from './extract.ts';
import { type LoadResult, load } from './load.ts';
import type { Outcome, TickerHour } from './outcome.ts';
import { score } from './score.ts';
import { store } from './store.ts';
import { countVolumes, type VolumeDeps } from './volume.ts';

export interface ProcessDeps extends ExtractDeps, VolumeDeps {
  scorer: SentimentScorer;
  documents: DocumentStore;
  warehouse: Warehouse;
}

/**
 * Every stage for a batch of ticker-hours, whatever their hours: extract (or read what is staged) → transform →
 * keep raw (what reads staged, what does not set aside) → score → store documents, while the post volume is counted
 * → summarise, join and load with the ledger, in one transaction. What `run`, `backfill` and `replay` all do; the
 * batch is their unit of work and of interruption.
 */
export async function processBatch(
  deps: ProcessDeps,
  items: readonly TickerHour[],
  runId: string,
  log: Logger,
): Promise<LoadResult> {
  const extracted = await extract(deps, items, runId, log);
  return finishBatch(deps, extracted, runId, log);
}

/** The stages after transform, for a batch already extracted: a long command reads its next batch while this one finishes. */
export async function finishBatch(
  deps: ProcessDeps,
  extracted: readonly Outcome<Extracted>[],
  runId: string,
  log: Logger,
): Promise<LoadResult> {
  // The volume needs the ticker-hours, not their posts: it is counted while they are scored and stored.
  const volumes = countVolumes(deps, extracted, runId, log);
  const scored = await score(deps.scorer, extracted, log);
  const stored = await store(deps.documents, scored, log);
  const provenance = { runId, source: deps.posts.origin };
  return load(deps.warehouse, stored, await volumes, provenance, log, deps.budget?.ending);
}
