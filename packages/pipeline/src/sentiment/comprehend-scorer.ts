import {
  BatchDetectSentimentCommand,
  type BatchDetectSentimentCommandOutput,
  type LanguageCode,
} from '@aws-sdk/client-comprehend';
import pLimit from 'p-limit';
import type { SentimentScorer } from '../ports.ts';
import type { CleanPost, ScoredPost, Sentiment } from '../records.ts';
import { planBatches } from './comprehend-batches.ts';

export interface SentimentBatchClient {
  send(command: BatchDetectSentimentCommand): Promise<BatchDetectSentimentCommandOutput>;
}

/**
 * AWS Comprehend, batched: posts grouped by a language Comprehend supports, 25 a call, each cut to its byte limit.
 * An ErrorList entry leaves just that post unscored; throttling is retried by the SDK's retry strategy.
 */
export class ComprehendScorer implements SentimentScorer {
  readonly #client: SentimentBatchClient;
  readonly #concurrency: number;

  constructor(client: SentimentBatchClient, concurrency = 4) {
    this.#client = client;
    this.#concurrency = concurrency;
  }

  async score(posts: readonly CleanPost[]): Promise<ScoredPost[]> {
    const scored: ScoredPost[] = posts.map((post) => ({
      ...post,
      sentiment: null,
      unscoredReason: 'scorer_error',
    }));
    const { batches, unscored } = planBatches(posts);
    for (const { index, reason } of unscored) (scored[index] as ScoredPost).unscoredReason = reason;
    const limit = pLimit(this.#concurrency);
    await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          const output = await this.#client.send(
            new BatchDetectSentimentCommand({
              LanguageCode: batch.language as LanguageCode,
              TextList: batch.items.map((item) => item.text),
            }),
          );
          for (const result of output.ResultList ?? []) {
            const item = batch.items[result.Index ?? -1];
            const sentiment = toSentiment(result.Sentiment, result.SentimentScore);
            if (!item || !sentiment) continue;
            Object.assign(scored[item.index] as ScoredPost, { sentiment, unscoredReason: null });
          }
          // ErrorList entries stay as they were set above: unscored, reason scorer_error.
        }),
      ),
    );
    return scored;
  }
}

function toSentiment(
  label: string | undefined,
  scores: { Positive?: number; Negative?: number; Neutral?: number; Mixed?: number } | undefined,
): Sentiment | null {
  if (!label || !scores) return null;
  return {
    label: label as Sentiment['label'],
    scores: {
      Positive: scores.Positive ?? 0,
      Negative: scores.Negative ?? 0,
      Neutral: scores.Neutral ?? 0,
      Mixed: scores.Mixed ?? 0,
    },
  };
}
