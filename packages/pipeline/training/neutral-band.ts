import { evaluate, type Metrics } from '../src/sentiment/metrics.ts';
import { MODEL_CLASSES } from '../src/sentiment/model.ts';
import { labelOfScore } from '../src/stages/score-label.ts';

/** A labelled text's score, Positive − Negative in [-1, 1], and its label as in the data (0, 1, 2). */
export interface ScoredExample {
  score: number;
  label: 0 | 1 | 2;
}

/** 0.00, 0.01 … 0.99: a band of 1 would call everything short of certainty neutral. */
const CANDIDATE_BANDS = Array.from({ length: 100 }, (_, i) => i / 100);

/** How well each band's labels (`labelOfScore`) match the data's labels. */
export function measureBands(
  examples: readonly ScoredExample[],
  bands: readonly number[] = CANDIDATE_BANDS,
): { band: number; metrics: Metrics }[] {
  return bands.map((band) => ({
    band,
    metrics: evaluate(
      examples.map((e) => ({
        actual: e.label,
        predicted: MODEL_CLASSES.indexOf(labelOfScore(e.score, band)) as 0 | 1 | 2,
      })),
    ),
  }));
}

/** The band with the highest macro-F1 (every class counts the same); the narrower one on a tie. */
export function bestBand(measured: readonly { band: number; metrics: Metrics }[]) {
  return measured.reduce((best, m) => (m.metrics.macroF1 > best.metrics.macroF1 ? m : best));
}
