import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readLabelledCsv } from '../src/sentiment/labelled-csv.ts';
import { DEFAULT_MODEL_URL } from '../src/sentiment/local-scorer.ts';
import { formatMetrics } from '../src/sentiment/metrics.ts';
import { DEFAULT_TRAINING_URL } from '../src/sentiment/training-data.ts';
import { crossValidate } from './cross-validate.ts';
import { trainModel } from './train.ts';

/**
 * `pnpm --filter @stockpipe/pipeline train-sentiment [CSV] [MODEL]` fits the local model on the labelled data and
 * writes its file; `--cross-validate` measures it on data it never saw instead.
 */
export function trainFromCsv(csvPath: string | URL): string {
  const { rows } = readLabelledCsv(readFileSync(csvPath, 'utf8'));
  return `${JSON.stringify(trainModel(rows))}\n`;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { 'cross-validate': { type: 'boolean' } },
    allowPositionals: true,
  });
  const [csv = DEFAULT_TRAINING_URL, out = DEFAULT_MODEL_URL] = positionals;
  const started = performance.now();
  if (values['cross-validate']) {
    const { folds, pooled } = crossValidate(readLabelledCsv(readFileSync(csv, 'utf8')).rows);
    folds.forEach((m, i) => {
      console.log(
        `fold ${i + 1}: macro-F1 ${m.macroF1.toFixed(4)}, accuracy ${(m.accuracy * 100).toFixed(1)}%`,
      );
    });
    console.log(
      `\n5-fold cross-validation, every row scored by a model that never saw it:\n${formatMetrics(pooled)}`,
    );
  } else {
    const model = trainFromCsv(csv);
    writeFileSync(out, model);
    console.log(
      `wrote ${out} (${(model.length / 1024).toFixed(0)} KiB) in ${Math.round(performance.now() - started)} ms`,
    );
  }
}
