import type { LabelledText } from '../src/sentiment/labelled-csv.ts';
import { evaluate, type Metrics } from '../src/sentiment/metrics.ts';
import { MODEL_CLASSES, SentimentModel } from '../src/sentiment/model.ts';
import { hash32 } from '../src/sources/seeded-random.ts';
import { type TrainOptions, trainModel } from './train.ts';

export interface OutOfFoldPrediction {
  fold: number;
  row: LabelledText;
  /** Class probabilities in MODEL_CLASSES order, from the model trained without this row's fold. */
  probabilities: [number, number, number];
}

/**
 * k-fold predictions: each row lands in the fold its text hashes to (so duplicates stay together and the split
 * never changes), each fold is scored by a model that never saw it. These are the figures for unseen data.
 */
export function outOfFoldPredictions(
  rows: readonly LabelledText[],
  folds = 5,
  options?: TrainOptions,
): OutOfFoldPrediction[] {
  const foldOf = (row: LabelledText) => hash32(row.text) % folds;
  const predictions: OutOfFoldPrediction[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = new SentimentModel(
      trainModel(
        rows.filter((r) => foldOf(r) !== fold),
        options,
      ),
    );
    for (const row of rows.filter((r) => foldOf(r) === fold))
      predictions.push({ fold, row, probabilities: model.predict(row.text) });
  }
  return predictions;
}

/** k-fold cross-validation of the most probable class: per fold, and pooled over every row. */
export function crossValidate(rows: readonly LabelledText[], folds = 5, options?: TrainOptions) {
  const pairs = outOfFoldPredictions(rows, folds, options).map(({ fold, row, probabilities }) => ({
    fold,
    actual: row.label,
    predicted: probabilities.indexOf(Math.max(...probabilities)) as 0 | 1 | 2,
  }));
  const perFold: Metrics[] = Array.from({ length: folds }, (_, fold) =>
    evaluate(pairs.filter((p) => p.fold === fold)),
  );
  return { folds: perFold, pooled: evaluate(pairs), classes: MODEL_CLASSES };
}
