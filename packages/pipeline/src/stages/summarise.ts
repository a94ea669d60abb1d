import type { Engagement, HourSummary, LabelCounts, ScoredPost, SentimentLabel } from '../records.ts';
import { labelOfScore } from './score-label.ts';

/**
 * How much a post counts: 1 + ln(1 + likes + 2·reposts + 2·quotes + replies).
 * Every post counts at least once; a viral one counts more, but logarithmically, so one post cannot drown the hour.
 */
export function engagementWeight(e: Engagement): number {
  return 1 + Math.log1p(e.likes + 2 * e.reposts + 2 * e.quotes + e.replies);
}

const LABELS: readonly SentimentLabel[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];

/**
 * One ticker-hour in one number: score = Σ wᵢ·(Positiveᵢ − Negativeᵢ) / Σ wᵢ over the scored posts, in [-1, 1];
 * label = what the score says: POSITIVE at or above +NEUTRAL_BAND, NEGATIVE at or below −NEUTRAL_BAND, else
 * NEUTRAL (see score-label.ts). sentimentWeight = Σ wᵢ, so that hours combine into a day's mean exactly as its
 * posts would. majorityLabel = the most frequent label of the posts, a tie going to the label with
 * the larger summed weight, then to NEUTRAL. An hour with no scored post has no score and no labels.
 */
export function summariseHour(ticker: string, hourStart: Date, posts: readonly ScoredPost[]): HourSummary {
  const labelCounts: LabelCounts = { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 };
  const labelWeights: LabelCounts = { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 };
  let weighted = 0;
  let totalWeight = 0;
  let scoredCount = 0;
  for (const post of posts) {
    if (!post.sentiment) continue;
    const weight = engagementWeight(post.engagement);
    const { Positive, Negative } = post.sentiment.scores;
    weighted += weight * (Positive - Negative);
    totalWeight += weight;
    labelCounts[post.sentiment.label] += 1;
    labelWeights[post.sentiment.label] += weight;
    scoredCount += 1;
  }
  const score = scoredCount === 0 ? null : clamp(weighted / totalWeight);
  return {
    ticker,
    hourStart,
    postCount: posts.length,
    scoredCount,
    score,
    label: score === null ? null : labelOfScore(score),
    majorityLabel: scoredCount === 0 ? null : majorityLabel(labelCounts, labelWeights),
    labelCounts,
    sentimentWeight: scoredCount === 0 ? null : totalWeight,
  };
}

function majorityLabel(counts: LabelCounts, weights: LabelCounts): SentimentLabel {
  const ranked = [...LABELS].sort(
    (a, b) =>
      counts[b] - counts[a] || weights[b] - weights[a] || Number(b === 'NEUTRAL') - Number(a === 'NEUTRAL'),
  );
  return ranked[0] as SentimentLabel;
}

// Floating-point sums can stray a hair outside [-1, 1].
function clamp(score: number): number {
  return Math.min(1, Math.max(-1, score));
}
