import { readFileSync } from 'node:fs';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { type FakeServer, startFakeComprehend, THROTTLED } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls, ServiceCalls } from '../../src/aws/service-calls.ts';
import type { CleanPost } from '../../src/records.ts';
import { comprehendLanguage, planBatches, truncateUtf8 } from '../../src/sentiment/comprehend-batches.ts';
import { ComprehendScorer } from '../../src/sentiment/comprehend-scorer.ts';
import { LocalSentimentScorer } from '../../src/sentiment/local-scorer.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

let comprehend: FakeServer;
beforeAll(async () => {
  const model = LocalSentimentScorer.fromFile();
  comprehend = await startFakeComprehend((text) => model.scoreText(text));
  useAwsEnvironment({ COMPREHEND: comprehend.url });
});
afterAll(() => comprehend.close());

let id = 0;
const post = (text: string, lang: string | null = 'en'): CleanPost => ({
  postId: String(++id),
  ticker: 'AMZN',
  hourStart: new Date('2026-11-27T15:00Z'),
  authorId: null,
  createdAt: new Date('2026-11-27T15:01Z'),
  lang,
  text,
  engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
});
const scorerWithCalls = () => {
  const calls = new ServiceCalls();
  return { calls, scorer: new ComprehendScorer(countCalls(new ComprehendClient({}), 'comprehend', calls)) };
};
const sentBodies = () =>
  comprehend.requests.map((r) => JSON.parse(r.body) as { TextList: string[]; LanguageCode: string });

describe('Comprehend batching (pure)', () => {
  it('cuts texts to 5,000 bytes of UTF-8 without splitting a character', () => {
    const text = `${'a'.repeat(4_998)}€€`; // € is 3 bytes: the first one no longer fits whole
    const cut = truncateUtf8(text);
    expect(cut).toBe('a'.repeat(4_998));
    expect(new TextEncoder().encode(truncateUtf8('€'.repeat(2_000))).length).toBe(4_998);
    expect(truncateUtf8('short')).toBe('short');
  });

  it('maps X language tags to the languages Comprehend scores, and no others', () => {
    expect(['en', 'ja', 'zh', 'zh-tw', 'pt', 'und', 'zxx', 'tr', null].map(comprehendLanguage)).toEqual([
      'en',
      'ja',
      'zh',
      'zh-TW',
      'pt',
      null,
      null,
      null,
      null,
    ]);
  });

  it('plans ⌈posts/25⌉ calls per language', () => {
    const posts = [
      ...Array.from({ length: 60 }, (_, i) => post(`en ${i}`)),
      post('ja', 'ja'),
      post('', 'en'),
      post('x', 'und'),
    ];
    const plan = planBatches(posts);
    expect(plan.batches.map((b) => [b.language, b.items.length])).toEqual([
      ['en', 25],
      ['en', 25],
      ['en', 10],
      ['ja', 1],
    ]);
    expect(plan.unscored).toEqual([
      { index: 61, reason: 'empty_text' },
      { index: 62, reason: 'unsupported_language' },
    ]);
  });
});

describe('ComprehendScorer against a local Comprehend', () => {
  it('scores each supported language in batches of 25 and keeps Comprehend’s answer', async () => {
    const { scorer, calls } = scorerWithCalls();
    const before = comprehend.requests.length;
    const posts = [
      ...Array.from({ length: 30 }, (_, i) => post(`$AMZN upgraded to Buy ${i}`)),
      post('株価上昇', 'ja'),
      post('hi', 'tr'),
    ];
    const scored = await scorer.score(posts);
    expect(calls.snapshot()).toEqual({ comprehend: 3 });
    expect(
      sentBodies()
        .slice(before)
        .map((b) => [b.LanguageCode, b.TextList.length]),
    ).toEqual(
      expect.arrayContaining([
        ['en', 25],
        ['en', 5],
        ['ja', 1],
      ]),
    );
    expect(scored[0]?.sentiment?.label).toBe('POSITIVE');
    expect(scored[30]?.sentiment).not.toBeNull();
    expect(scored[31]).toMatchObject({ sentiment: null, unscoredReason: 'unsupported_language' });
    expect(scored.map((p) => p.postId)).toEqual(posts.map((p) => p.postId));
  });

  it('reads the recorded BatchDetectSentiment output, and leaves an ErrorList entry unscored', async () => {
    // Comprehend's documented answer for three texts, with an ErrorList entry added for a fourth.
    const recorded = JSON.parse(
      readFileSync(new URL('../fixtures/comprehend-batch-detect-sentiment.json', import.meta.url), 'utf8'),
    );
    comprehend.enqueue({
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        ...recorded,
        ErrorList: [{ Index: 3, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'Unknown error' }],
      }),
    });
    const { scorer } = scorerWithCalls();
    const scored = await scorer.score([
      post("That movie was very boring, I can't believe it was over four hours long."),
      post('It is a beautiful day for hiking today.'),
      post("My meal was okay, I'm excited to try other restaurants."),
      post('this one fails'),
    ]);
    expect(scored.map((p) => p.sentiment?.label ?? p.unscoredReason)).toEqual([
      'NEGATIVE',
      'POSITIVE',
      'MIXED',
      'scorer_error',
    ]);
    expect(scored[1]?.sentiment?.scores).toEqual(recorded.ResultList[1].SentimentScore);
  });

  it('retries when Comprehend throttles', async () => {
    comprehend.enqueue(THROTTLED, THROTTLED);
    const { scorer, calls } = scorerWithCalls();
    const [scored] = await scorer.score([post('Shares jump after record quarter')]);
    expect(scored?.sentiment).not.toBeNull();
    expect(calls.snapshot()).toEqual({ comprehend: 3 });
  });

  it('fails the scoring when throttling outlasts the retries', async () => {
    comprehend.enqueue(THROTTLED, THROTTLED, THROTTLED);
    await expect(scorerWithCalls().scorer.score([post('x')])).rejects.toThrow(/Rate exceeded/);
  });
});
