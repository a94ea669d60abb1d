import { seededRandom } from '../sources/seeded-random.ts';
import { MODEL_CLASSES, type SentimentModel } from './model.ts';
import { features } from './tokenize.ts';

export interface LabelledText {
  text: string;
  /** 0 bearish, 1 bullish, 2 neutral, as in the training data. */
  label: 0 | 1 | 2;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  minCount: number;
  seed: string;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 30,
  learningRate: 0.1,
  l2: 1e-6,
  minCount: 2,
  seed: 'stockpipe-sentiment',
};

/**
 * Fits a multinomial logistic regression with AdaGrad, classes weighted by inverse frequency (the data is two
 * thirds neutral, and macro-F1 counts every class the same). Deterministic: a seeded shuffle, a fixed feature
 * order, and weights rounded to 4 decimals, so the same data gives the same file byte for byte.
 */
export function trainModel(examples: readonly LabelledText[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS) {
  const classCount = MODEL_CLASSES.length;
  const docs = examples.map((e) => ({ features: [...new Set(features(e.text))], label: e.label }));

  const counts = new Map<string, number>();
  for (const doc of docs) for (const f of doc.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(([, n]) => n >= options.minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const encoded = docs.map((d) => ({
    ids: d.features.flatMap((f) => index.get(f) ?? []),
    label: d.label,
  }));

  const perClass = Array.from({ length: classCount }, (_, k) => encoded.filter((d) => d.label === k).length);
  const classWeight = perClass.map((n) => (n === 0 ? 0 : encoded.length / (classCount * n)));

  const weights = new Float64Array(vocabulary.length * classCount);
  const squaredGradients = new Float64Array(vocabulary.length * classCount).fill(1e-8);
  const bias = new Float64Array(classCount);
  const biasSquared = new Float64Array(classCount).fill(1e-8);
  const order = encoded.map((_, i) => i);
  const random = seededRandom(options.seed);
  const logits = new Float64Array(classCount);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const n of order) {
      const doc = encoded[n] as (typeof encoded)[number];
      for (let k = 0; k < classCount; k++) {
        let sum = bias[k] as number;
        for (const id of doc.ids) sum += weights[id * classCount + k] as number;
        logits[k] = sum;
      }
      const max = Math.max(...logits);
      let total = 0;
      for (let k = 0; k < classCount; k++) {
        logits[k] = Math.exp((logits[k] as number) - max);
        total += logits[k] as number;
      }
      const scale = classWeight[doc.label] as number;
      for (let k = 0; k < classCount; k++) {
        const gradient = scale * ((logits[k] as number) / total - (k === doc.label ? 1 : 0));
        biasSquared[k] = (biasSquared[k] as number) + gradient * gradient;
        bias[k] =
          (bias[k] as number) - (options.learningRate * gradient) / Math.sqrt(biasSquared[k] as number);
        for (const id of doc.ids) {
          const at = id * classCount + k;
          const g = gradient + options.l2 * (weights[at] as number);
          squaredGradients[at] = (squaredGradients[at] as number) + g * g;
          weights[at] =
            (weights[at] as number) - (options.learningRate * g) / Math.sqrt(squaredGradients[at] as number);
        }
      }
    }
  }

  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const stored: Record<string, number[]> = {};
  vocabulary.forEach((feature, i) => {
    const w = Array.from(weights.subarray(i * classCount, (i + 1) * classCount), round);
    if (w.some((x) => x !== 0)) stored[feature] = w;
  });
  const model: SentimentModel = {
    format: 'stockpipe-sentiment/1',
    language: 'en',
    classes: MODEL_CLASSES,
    bias: Array.from(bias, round),
    weights: stored,
    training: { examples: examples.length, perClass, features: vocabulary.length, ...options },
  };
  return model;
}
