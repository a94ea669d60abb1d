import type { ScoredPost, SentimentLabel } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { engagementWeight, summariseHour } from '../src/stages/summarise.ts';

const hour = new Date('2024-12-07T21:00Z');
let nextId = 1;
function post(
  label: SentimentLabel | null,
  positive: number,
  negative: number,
  likes = 0,
  reposts = 0,
): ScoredPost {
  return {
    postId: String(nextId++),
    ticker: 'AMZN',
    hourStart: hour,
    authorId: null,
    createdAt: hour,
    lang: 'en',
    text: 'x',
    engagement: { likes, reposts, replies: 0, quotes: 0 },
    sentiment: label
      ? {
          label,
          scores: { Positive: positive, Negative: negative, Neutral: 1 - positive - negative, Mixed: 0 },
        }
      : null,
    unscoredReason: label ? null : 'unsupported_language',
  };
}

describe('engagementWeight', () => {
  it('is 1 + ln(1 + likes + 2·reposts + 2·quotes + replies)', () => {
    expect(engagementWeight({ likes: 0, reposts: 0, replies: 0, quotes: 0 })).toBe(1);
    expect(engagementWeight({ likes: 10, reposts: 3, replies: 4, quotes: 2 })).toBeCloseTo(
      1 + Math.log(1 + 10 + 6 + 4 + 4),
    );
  });
});

describe('summariseHour', () => {
  it('weighs each post by its engagement: score = Σ w·(Positive − Negative) / Σ w', () => {
    // A quiet bullish post and a viral bearish one: the viral one pulls the hour down, but not all the way.
    const quiet = post('POSITIVE', 0.9, 0.05);
    const viral = post('NEGATIVE', 0.1, 0.8, Math.E ** 2 - 1); // weight 1 + ln(e²) = 3
    const summary = summariseHour('AMZN', hour, [quiet, viral, post(null, 0, 0)]);
    expect(summary.score).toBeCloseTo((1 * 0.85 + 3 * -0.7) / 4, 10);
    expect(summary).toMatchObject({
      postCount: 3,
      scoredCount: 2,
      labelCounts: { POSITIVE: 1, NEGATIVE: 1, NEUTRAL: 0, MIXED: 0 },
      // One each: the tie goes to the label with more weight behind it.
      label: 'NEGATIVE',
    });
  });

  it('labels the hour with the most frequent label', () => {
    const summary = summariseHour('AMZN', hour, [
      post('NEUTRAL', 0.1, 0.1),
      post('NEUTRAL', 0.2, 0.1),
      post('POSITIVE', 0.9, 0, 1000),
    ]);
    expect(summary.label).toBe('NEUTRAL');
    expect(summary.score).toBeGreaterThan(0.5);
  });

  it('breaks a full tie towards NEUTRAL', () => {
    expect(summariseHour('AMZN', hour, [post('POSITIVE', 0.9, 0), post('NEUTRAL', 0.1, 0)]).label).toBe(
      'NEUTRAL',
    );
  });

  it('gives an hour with nothing scored no score and no label, not zero', () => {
    expect(summariseHour('AMZN', hour, [post(null, 0, 0)])).toMatchObject({
      postCount: 1,
      scoredCount: 0,
      score: null,
      label: null,
    });
    expect(summariseHour('AMZN', hour, []).postCount).toBe(0);
  });

  it('stays within [-1, 1]', () => {
    const summary = summariseHour('AMZN', hour, [post('POSITIVE', 1, 0, 5), post('POSITIVE', 1, 0, 7)]);
    expect(summary.score).toBe(1);
  });
});
