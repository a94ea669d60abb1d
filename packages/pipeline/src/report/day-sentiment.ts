import type { StoredRow } from '../records.ts';

export interface DaySentiment {
  /** Σ Wₕ·scoreₕ / Σ Wₕ, in [-1, 1]; null when no hour with a weight was scored. */
  score: number | null;
  posts: number;
  scored: number;
  /** Hours with a score but no weight (loaded before migration 0007): left out of `score`, never guessed. */
  unweighted: number;
}

/**
 * Several hours' sentiment as one, exactly as if their posts were one hour's (stages/summarise.ts): score =
 * Σ Wₕ·scoreₕ / Σ Wₕ, where Wₕ is the hour's sentiment weight, Σ of its scored posts' engagement weights
 * 1 + ln(1 + likes + 2·reposts + 2·quotes + replies). So Σ Wₕ·scoreₕ = Σ over every post of w·(Positive −
 * Negative), and a day's mean weighs each post as its hour did: a busy hour counts by its posts, not as one.
 */
export function daySentiment(hours: readonly StoredRow[]): DaySentiment {
  let weighted = 0;
  let totalWeight = 0;
  let posts = 0;
  let scored = 0;
  let unweighted = 0;
  for (const hour of hours) {
    posts += hour.postCount;
    scored += hour.scoredCount;
    if (hour.sentimentScore === null) continue;
    if (hour.sentimentWeight === null) {
      unweighted += 1;
      continue;
    }
    weighted += hour.sentimentWeight * hour.sentimentScore;
    totalWeight += hour.sentimentWeight;
  }
  // Floating-point sums can stray a hair outside [-1, 1], as in summariseHour.
  const score = totalWeight === 0 ? null : Math.min(1, Math.max(-1, weighted / totalWeight));
  return { score, posts, scored, unweighted };
}
