import { describe, expect, it } from 'vitest';
import type { HourSummary, ScoredPost, StoredRow } from '../../src/records.ts';
import { daySentiment } from '../../src/report/day-sentiment.ts';
import { summariseHour } from '../../src/stages/summarise.ts';

const hour = (h: number) => new Date(Date.UTC(2024, 11, 6, h));
let nextId = 1;
const post = (h: number, positive: number, negative: number, likes: number): ScoredPost => ({
  postId: String(nextId++),
  ticker: 'AMZN',
  hourStart: hour(h),
  authorId: null,
  createdAt: hour(h),
  lang: 'en',
  text: 'x',
  engagement: { likes, reposts: 0, replies: 0, quotes: 0 },
  sentiment: {
    label: 'NEUTRAL',
    scores: { Positive: positive, Negative: negative, Neutral: 1 - positive - negative, Mixed: 0 },
  },
  unscoredReason: null,
});
/** The row an hour's summary is stored as: only what a day's mean reads. */
const rowOf = (summary: HourSummary): StoredRow =>
  ({
    postCount: summary.postCount,
    scoredCount: summary.scoredCount,
    sentimentScore: summary.score,
    sentimentWeight: summary.sentimentWeight,
  }) as StoredRow;

describe('daySentiment', () => {
  it('is the mean its posts would have as one hour: each post by its engagement weight, not each hour alike', () => {
    // A quiet hour of one bullish post, and a busy bearish hour of three viral ones.
    const quiet = [post(14, 0.9, 0, 0)];
    const busy = [post(15, 0, 0.8, 500), post(15, 0.1, 0.7, 900), post(15, 0.2, 0.6, 40)];
    const day = daySentiment([
      rowOf(summariseHour('AMZN', hour(14), quiet)),
      rowOf(summariseHour('AMZN', hour(15), busy)),
    ]);
    const asOneHour = summariseHour('AMZN', hour(14), [...quiet, ...busy]);
    expect(day.score).toBeCloseTo(asOneHour.score as number, 12);
    // The plain mean of the two hours would be far kinder to the quiet one.
    expect(day.score).toBeLessThan((0.9 + -0.6) / 2 - 0.2);
    expect(day).toMatchObject({ posts: 4, scored: 4, unweighted: 0 });
  });

  it('leaves out and counts the hours loaded before weights were kept, rather than guessing theirs', () => {
    const weighted = rowOf(summariseHour('AMZN', hour(14), [post(14, 0.6, 0, 3)]));
    const old = { ...weighted, sentimentScore: -1, sentimentWeight: null };
    expect(daySentiment([weighted, old])).toMatchObject({
      score: weighted.sentimentScore,
      posts: 2,
      scored: 2,
      unweighted: 1,
    });
  });

  it('has no score when nothing was scored, and counts the posts all the same', () => {
    const unscored = {
      postCount: 5,
      scoredCount: 0,
      sentimentScore: null,
      sentimentWeight: null,
    } as StoredRow;
    expect(daySentiment([unscored, unscored])).toEqual({ score: null, posts: 10, scored: 0, unweighted: 0 });
    expect(daySentiment([])).toEqual({ score: null, posts: 0, scored: 0, unweighted: 0 });
  });
});
