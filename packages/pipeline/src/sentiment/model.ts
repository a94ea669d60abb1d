import { largest } from '../extremes.ts';
import { FeatureIndex } from './feature-index.ts';
import { features } from './tokenize.ts';

/** The classes in the order of the training data's labels: 0 bearish, 1 bullish, 2 neutral. */
export const MODEL_CLASSES = ['NEGATIVE', 'POSITIVE', 'NEUTRAL'] as const;
const CLASS_COUNT = MODEL_CLASSES.length;
/** Per feature: its IDF, then one weight per class. */
const ROW = 1 + CLASS_COUNT;

/**
 * A multinomial logistic regression over TF-IDF weighted word and word-pair features, as stored on disk. The
 * numbers are packed as 16-bit integers so the file loads without parsing 300,000 decimals (well under 100 ms).
 */
export interface SentimentModelFile {
  format: 'stockpipe-sentiment/3';
  language: 'en';
  classes: typeof MODEL_CLASSES;
  bias: number[];
  /** Every feature, one a line; line i's numbers are row i of the table. */
  vocabulary: string;
  /** Base64 of little-endian int16s: per feature its IDF then a weight per class, each times `scale`. */
  table: string;
  scale: number;
  training: Record<string, unknown>;
}

/** Packs features and their rows ([idf, weight per class]) into the file's form. */
export function encodeModel(
  vocabulary: readonly string[],
  rows: readonly (readonly number[])[],
  header: Pick<SentimentModelFile, 'bias' | 'training'>,
  scale = 1000,
): SentimentModelFile {
  const table = Buffer.alloc(vocabulary.length * ROW * 2);
  rows.forEach((row, i) => {
    row.forEach((value, k) => {
      const packed = Math.round(value * scale);
      if (Math.abs(packed) > 32767) throw new Error(`model value ${value} does not fit at scale ${scale}`);
      table.writeInt16LE(packed, (i * ROW + k) * 2);
    });
  });
  return {
    format: 'stockpipe-sentiment/3',
    language: 'en',
    classes: MODEL_CLASSES,
    bias: header.bias.map((b) => Math.round(b * 1e4) / 1e4),
    vocabulary: vocabulary.join('\n'),
    table: table.toString('base64'),
    scale,
    training: header.training,
  };
}

/** Sublinear term frequency: a word said twice counts more than once, but not twice as much. */
export const termWeight = (count: number) => 1 + Math.log(count);

/** How often each feature occurs in a text. */
export function countFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features(text)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}

/** A model ready to score: features indexed, numbers unpacked. */
export class SentimentModel {
  readonly language: string;
  readonly #bias: number[];
  readonly #index: FeatureIndex;
  readonly #table: Float32Array;

  constructor(file: SentimentModelFile) {
    if (file.format !== 'stockpipe-sentiment/3')
      throw new Error(`unknown sentiment model format "${file.format}"`);
    this.language = file.language;
    this.#bias = file.bias;
    this.#index = new FeatureIndex(file.vocabulary);
    const packed = Buffer.from(file.table, 'base64');
    if (packed.length !== this.#index.size * ROW * 2)
      throw new Error('sentiment model table does not match its vocabulary');
    this.#table = new Float32Array(packed.length / 2);
    const values = new DataView(packed.buffer, packed.byteOffset, packed.length);
    for (let i = 0; i < this.#table.length; i++) this.#table[i] = values.getInt16(i * 2, true) / file.scale;
  }

  /**
   * Class probabilities in MODEL_CLASSES order: the text's known features, each weighted by term frequency
   * times IDF, scaled to unit length (as in training), then a softmax of bias plus weights.
   */
  predict(text: string): [number, number, number] {
    const sums = [0, 0, 0];
    let squaredLength = 0;
    const table = this.#table;
    for (const [feature, count] of countFeatures(text)) {
      const i = this.#index.get(feature);
      if (i === undefined) continue;
      const value = termWeight(count) * (table[i * ROW] as number);
      squaredLength += value * value;
      for (let k = 0; k < CLASS_COUNT; k++)
        sums[k] = (sums[k] as number) + value * (table[i * ROW + 1 + k] as number);
    }
    const length = Math.sqrt(squaredLength) || 1;
    const logits = sums.map((sum, k) => (this.#bias[k] as number) + sum / length);
    const max = largest(logits);
    const exp = logits.map((l) => Math.exp(l - max));
    const total = exp.reduce((a, b) => a + b, 0);
    return [(exp[0] as number) / total, (exp[1] as number) / total, (exp[2] as number) / total];
  }
}
