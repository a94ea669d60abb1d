import { describe, expect, it } from 'vitest';
import type { CleanPost } from '../../src/records.ts';
import { LocalSentimentScorer, toSentiment } from '../../src/sentiment/local-scorer.ts';

const scorer = LocalSentimentScorer.fromFile();
const post = (text: string, lang: string | null = 'en'): CleanPost => ({
  postId: '1',
  ticker: 'AMZN',
  hourStart: new Date('2024-12-06T15:00Z'),
  authorId: null,
  createdAt: new Date('2024-12-06T15:10Z'),
  lang,
  text,
  engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
});

describe('LocalSentimentScorer', () => {
  it('answers in Comprehend’s shape: a label and four scores that sum to 1', async () => {
    const [scored] = await scorer.score([post('$AMZN upgraded to Buy, price target raised')]);
    const scores = scored?.sentiment?.scores;
    expect(scores).toBeDefined();
    const values = Object.values(scores ?? {});
    expect(values).toHaveLength(4);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(0);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('reads market talk: upgrades bullish, downgrades bearish, schedules neutral', async () => {
    const labels = (
      await scorer.score([
        post('$AMZN upgraded to Buy at Morgan Stanley, price target raised'),
        post('$TSLA downgraded to Sell, shares slide after earnings miss'),
        post('Amazon to present at investor conference on Thursday'),
      ])
    ).map((p) => p.sentiment?.label);
    expect(labels).toEqual(['POSITIVE', 'NEGATIVE', 'NEUTRAL']);
  });

  it('leaves other languages and empty texts unscored, with the reason', async () => {
    const scored = await scorer.score([post('Kursziel erhöht', 'de'), post('', 'en'), post('hello', null)]);
    expect(scored.map((p) => [p.sentiment, p.unscoredReason])).toEqual([
      [null, 'unsupported_language'],
      [null, 'empty_text'],
      [null, 'unsupported_language'],
    ]);
  });
});

describe('toSentiment', () => {
  it('moves the overlap of bullish and bearish evidence into Mixed', () => {
    const s = toSentiment([0.45, 0.45, 0.1]);
    expect(s.scores).toEqual({ Positive: 0.225, Negative: 0.225, Neutral: 0.1, Mixed: 0.45 });
    expect(s.label).toBe('MIXED');
    expect(toSentiment([0.05, 0.9, 0.05]).label).toBe('POSITIVE');
  });
});
