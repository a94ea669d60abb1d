import { hash32 } from '../sources/seeded-random.ts';
import { evaluate, type Metrics } from './metrics.ts';
import { MODEL_CLASSES, SentimentModel } from './model.ts';
import { type LabelledText, type TrainOptions, trainModel } from './train.ts';

/**
 * k-fold cross-validation: each row lands in the fold its text hashes to (so duplicates stay together and the
 * split never changes), each fold is scored by a model that never saw it. This is the figure for unseen data.
 */
export function crossValidate(rows: readonly LabelledText[], folds = 5, options?: TrainOptions) {
  const foldOf = (row: LabelledText) => hash32(row.text) % folds;
  const perFold: Metrics[] = [];
  const all: { actual: 0 | 1 | 2; predicted: 0 | 1 | 2 }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = new SentimentModel(
      trainModel(
        rows.filter((r) => foldOf(r) !== fold),
        options,
      ),
    );
    const pairs = rows
      .filter((r) => foldOf(r) === fold)
      .map((r) => {
        const probabilities = model.predict(r.text);
        const predicted = probabilities.indexOf(Math.max(...probabilities)) as 0 | 1 | 2;
        return { actual: r.label, predicted };
      });
    perFold.push(evaluate(pairs));
    all.push(...pairs);
  }
  return { folds: perFold, pooled: evaluate(all), classes: MODEL_CLASSES };
}
