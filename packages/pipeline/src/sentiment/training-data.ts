import { readFile } from 'node:fs/promises';
import { resource } from '../resources.ts';
import { readLabelledCsv } from './labelled-csv.ts';

/** The labelled posts the local model learnt from (data/SOURCE.md); the image leaves it out. */
export const DEFAULT_TRAINING_URL = resource('data/twitter-financial-news-sentiment-train.csv');

/**
 * How many of `texts` the local model was trained on: a model scores its own training rows far better than posts
 * it never saw, so figures on them flatter it. Undefined where the training data is not at hand (the image).
 */
export async function trainingRowsAmong(
  texts: readonly string[],
  trainingUrl: URL = DEFAULT_TRAINING_URL,
): Promise<number | undefined> {
  let content: string;
  try {
    content = await readFile(trainingUrl, 'utf8');
  } catch {
    return undefined;
  }
  const learnt = new Set(readLabelledCsv(content).rows.map((row) => row.text.trim()));
  return texts.filter((text) => learnt.has(text.trim())).length;
}
