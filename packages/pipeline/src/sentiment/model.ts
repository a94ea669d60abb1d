import { features } from './tokenize.ts';

/** The classes in the order of the training data's labels: 0 bearish, 1 bullish, 2 neutral. */
export const MODEL_CLASSES = ['NEGATIVE', 'POSITIVE', 'NEUTRAL'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

/** A multinomial logistic regression over word and word-pair features, as stored on disk. */
export interface SentimentModel {
  format: 'stockpipe-sentiment/1';
  language: 'en';
  classes: typeof MODEL_CLASSES;
  bias: number[];
  /** feature → one weight per class. */
  weights: Record<string, number[]>;
  training: Record<string, unknown>;
}

/** Class probabilities (softmax of the summed weights), in MODEL_CLASSES order. */
export function predict(model: SentimentModel, text: string): [number, number, number] {
  const logits = [...model.bias];
  const seen = new Set<string>();
  for (const feature of features(text)) {
    if (seen.has(feature)) continue;
    seen.add(feature);
    const w = model.weights[feature];
    if (!w) continue;
    for (let k = 0; k < logits.length; k++) logits[k] = (logits[k] ?? 0) + (w[k] ?? 0);
  }
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return [(exp[0] ?? 0) / sum, (exp[1] ?? 0) / sum, (exp[2] ?? 0) / sum];
}
