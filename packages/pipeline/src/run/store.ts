import { type Logger, timed } from '../log.ts';
import type { DocumentStore, TickerDocuments } from '../ports.ts';
import { fail, going, type Outcome } from './outcome.ts';
import type { Scored } from './score.ts';

/**
 * Store: each ticker-hour's scored posts and candle kept as documents, all in one call so a batching store fills
 * its batches. A document the store could not keep fails its ticker-hour; the others go on.
 */
export async function store(
  documents: DocumentStore,
  outcomes: readonly Outcome<Scored>[],
  log: Logger,
): Promise<Outcome<Scored>[]> {
  const asDocument = new Map<Outcome<Scored>, TickerDocuments>(
    going(outcomes).map((o) => [
      o,
      { ticker: o.item.entry.ticker, hourStart: o.item.hourStart, posts: o.posts, candle: o.candle },
    ]),
  );
  let failures: Map<TickerDocuments, Error>;
  try {
    failures = await timed(
      log,
      'store',
      {},
      () => documents.putAll([...asDocument.values()]),
      (f) => ({ tickers: asDocument.size, failed: f.size }),
    );
  } catch (error) {
    return outcomes.map((o) => (o.ok ? fail(log, o.item, 'store', error) : o));
  }
  return outcomes.map((o) => {
    const failure = failures.get(asDocument.get(o) as TickerDocuments);
    return o.ok && failure ? fail(log, o.item, 'store', failure) : o;
  });
}
