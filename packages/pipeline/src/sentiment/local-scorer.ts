import { readFileSync } from 'node:fs';
import type { SentimentScorer } from '../ports.ts';
import type { CleanPost, ScoredPost, Sentiment } from '../records.ts';
import { resource } from '../resources.ts';
import { SentimentModel, type SentimentModelFile } from './model.ts';

export const DEFAULT_MODEL_URL = resource('models/sentiment-en.json');

/**
 * Comprehend's answer, computed here: a finance-trained English model. Mixed is the part where bullish and
 * bearish evidence overlap (the smaller of the two), taken half from each, so the four scores still sum to 1.
 */
export function toSentiment([negative, positive, neutral]: [number, number, number]): Sentiment {
  const mixed = Math.min(positive, negative);
  const scores = {
    Positive: positive - mixed / 2,
    Negative: negative - mixed / 2,
    Neutral: neutral,
    Mixed: mixed,
  };
  const label = (Object.entries(scores) as [keyof typeof scores, number][]).reduce((a, b) =>
    b[1] > a[1] ? b : a,
  )[0];
  return { label: label.toUpperCase() as Sentiment['label'], scores };
}

/** The embedded sentiment scorer: English posts are scored, other languages left unscored rather than guessed. */
export class LocalSentimentScorer implements SentimentScorer {
  readonly #model: SentimentModel;

  constructor(model: SentimentModelFile) {
    this.#model = new SentimentModel(model);
  }

  static fromFile(url: URL | string = DEFAULT_MODEL_URL): LocalSentimentScorer {
    return new LocalSentimentScorer(JSON.parse(readFileSync(url, 'utf8')) as SentimentModelFile);
  }

  /** One text's sentiment, whatever its language: for callers that have checked it is English. */
  scoreText(text: string): Sentiment {
    return toSentiment(this.#model.predict(text));
  }

  async score(posts: readonly CleanPost[]): Promise<ScoredPost[]> {
    return posts.map((post) => {
      if (post.text === '') return { ...post, sentiment: null, unscoredReason: 'empty_text' };
      if (post.lang !== this.#model.language)
        return { ...post, sentiment: null, unscoredReason: 'unsupported_language' };
      return { ...post, sentiment: this.scoreText(post.text), unscoredReason: null };
    });
  }
}
