import { isRegularSession } from '@stockpipe/shared';
import { HOUR_MS } from '../time/hours.ts';
import { type Random, seededRandom } from './seeded-random.ts';

/** X's first post (2006-03-21T20:50Z): no hour before it holds a post, or counts one. */
export const FIRST_POST = Date.UTC(2006, 2, 21, 20, 50);

/**
 * How many posts the sample search finds for a ticker's hour (before X_MAX_RESULTS caps them): more while the
 * market is open, none in some hours, none before X. Drawn first from the hour's seed, whose stream the sample
 * posts go on with, so that the sample posts and the sample volume agree on which hours are silent.
 */
export function sampleHourTalk(ticker: string, from: number): { found: number; random: Random } {
  const random = seededRandom(`${ticker}:posts:${from}`);
  const open = isRegularSession(from) || isRegularSession(from + HOUR_MS / 2);
  const wanted = random.chance(0.06) ? 0 : open ? random.int(4, 14) : random.int(0, 6);
  return { found: from + HOUR_MS <= FIRST_POST ? 0 : wanted, random };
}
