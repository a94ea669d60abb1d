import { describe, expect, it } from 'vitest';
import type { ScoredPost, SentimentLabel } from '../../src/records.ts';
import { NEUTRAL_BAND } from '../../src/stages/score-label.ts';
import { engagementWeight, summariseHour } from '../../src/stages/summarise.ts';

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
      // −0.3125 lies inside the neutral band.
      label: 'NEUTRAL',
      // One each: the tie goes to the label with more weight behind it.
      majorityLabel: 'NEGATIVE',
      // What the score is a mean over: the scored posts' weights, 1 + 3.
      sentimentWeight: 4,
    });
  });

  it('labels the hour by its score, and keeps the most frequent label beside it', () => {
    const summary = summariseHour('AMZN', hour, [
      post('NEUTRAL', 0.1, 0.1),
      post('NEUTRAL', 0.2, 0.1),
      post('POSITIVE', 0.9, 0, 1000),
    ]);
    expect(summary.score).toBeGreaterThan(0.5);
    expect(summary).toMatchObject({ label: 'POSITIVE', majorityLabel: 'NEUTRAL' });
  });

  it('calls a score positive from +0.33 up, negative from −0.33 down, and neutral between', () => {
    expect(NEUTRAL_BAND).toBe(0.33);
    // One post each, so the hour's score is the post's Positive − Negative; its own label says the opposite.
    const labelOf = (positive: number, negative: number) =>
      summariseHour('AMZN', hour, [post(positive > negative ? 'NEGATIVE' : 'POSITIVE', positive, negative)]);
    expect(labelOf(0.33, 0)).toMatchObject({ score: 0.33, label: 'POSITIVE', majorityLabel: 'NEGATIVE' });
    expect(labelOf(0.3299, 0)).toMatchObject({ label: 'NEUTRAL' });
    expect(labelOf(0, 0.33)).toMatchObject({ score: -0.33, label: 'NEGATIVE', majorityLabel: 'POSITIVE' });
    expect(labelOf(0, 0.3299)).toMatchObject({ label: 'NEUTRAL' });
    // The contradictions the demo used to show: −0.171 "positive", +0.104 "negative", −0.345 "neutral".
    expect(labelOf(0.1, 0.271).label).toBe('NEUTRAL');
    expect(labelOf(0.204, 0.1).label).toBe('NEUTRAL');
    expect(labelOf(0.3, 0.645).label).toBe('NEGATIVE');
  });

  it('breaks a full tie of the majority label towards NEUTRAL', () => {
    expect(
      summariseHour('AMZN', hour, [post('POSITIVE', 0.9, 0), post('NEUTRAL', 0.1, 0)]).majorityLabel,
    ).toBe('NEUTRAL');
  });

  it('gives an hour with nothing scored no score and no label, not zero', () => {
    expect(summariseHour('AMZN', hour, [post(null, 0, 0)])).toMatchObject({
      postCount: 1,
      scoredCount: 0,
      score: null,
      label: null,
      majorityLabel: null,
      sentimentWeight: null,
    });
    expect(summariseHour('AMZN', hour, []).postCount).toBe(0);
  });

  it('stays within [-1, 1]', () => {
    const summary = summariseHour('AMZN', hour, [post('POSITIVE', 1, 0, 5), post('POSITIVE', 1, 0, 7)]);
    expect(summary.score).toBe(1);
  });
});
