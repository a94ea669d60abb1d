import { readFileSync, writeFileSync } from 'node:fs';
import { resource } from '../resources.ts';
import { readLabelledCsv } from './labelled-csv.ts';
import { DEFAULT_MODEL_URL } from './local-scorer.ts';
import { trainModel } from './train.ts';

/** `pnpm --filter @stockpipe/pipeline train-sentiment [CSV] [MODEL]`: fits the local model, writes its file. */
export const DEFAULT_TRAINING_URL = resource('data/twitter-financial-news-sentiment-train.csv');

export function trainFromCsv(csvPath: string | URL): string {
  const { rows } = readLabelledCsv(readFileSync(csvPath, 'utf8'));
  return `${JSON.stringify(trainModel(rows))}\n`;
}

if (import.meta.main) {
  const [csv = DEFAULT_TRAINING_URL, out = DEFAULT_MODEL_URL] = process.argv.slice(2);
  const started = performance.now();
  const model = trainFromCsv(csv);
  writeFileSync(out, model);
  console.log(
    `wrote ${out} (${(model.length / 1024).toFixed(0)} KiB) in ${Math.round(performance.now() - started)} ms`,
  );
}
