import { type Logger, timed } from '../log.ts';
import type { SentimentScorer } from '../ports.ts';
import type { Candle, ScoredPost } from '../records.ts';
import type { Extracted } from './extract.ts';
import { fail, going, type Outcome } from './outcome.ts';

/** A ticker-hour with its posts scored. */
export interface Scored {
  posts: ScoredPost[];
  candle: Candle;
}

/**
 * Score: every post of every ticker-hour still going, scored in one pass, so a cloud scorer fills its batches
 * across tickers. A scorer that fails fails them all.
 */
export async function score(
  scorer: SentimentScorer,
  outcomes: readonly Outcome<Extracted>[],
  log: Logger,
): Promise<Outcome<Scored>[]> {
  let scored: ScoredPost[];
  try {
    scored = await timed(
      log,
      'score',
      {},
      () => scorer.score(going(outcomes).flatMap((o) => o.posts)),
      (s) => ({ posts: s.length, scored: s.filter((p) => p.sentiment).length }),
    );
  } catch (error) {
    return outcomes.map((o) => (o.ok ? fail(log, o.item, 'score', error) : o));
  }
  // The scorer answers in the order it was given: each ticker-hour takes its own posts back.
  let next = 0;
  return outcomes.map((o) => {
    if (!o.ok) return o;
    const posts = scored.slice(next, next + o.posts.length);
    next += o.posts.length;
    return { ok: true, item: o.item, posts, candle: o.candle };
  });
}
