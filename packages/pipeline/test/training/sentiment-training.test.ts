import { describe, expect, it } from 'vitest';
import { FeatureIndex } from '../../src/sentiment/feature-index.ts';
import type { LabelledText } from '../../src/sentiment/labelled-csv.ts';
import { encodeModel, SentimentModel } from '../../src/sentiment/model.ts';
import { minimize } from '../../training/lbfgs.ts';
import { trainModel } from '../../training/train.ts';

describe('minimize (L-BFGS)', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    // f(x) = Σ c_i (x_i - i)², curvatures from 1 to 1,000.
    const curvature = [1, 10, 100, 1_000];
    const { x } = minimize(
      (point, gradient) => {
        let value = 0;
        curvature.forEach((c, i) => {
          const d = (point[i] as number) - i;
          value += c * d * d;
          gradient[i] = 2 * c * d;
        });
        return value;
      },
      new Float64Array(4),
      { iterations: 100, memory: 5, tolerance: 1e-15 },
    );
    expect(Array.from(x, (v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 1, 2, 3]);
  });
});

describe('FeatureIndex', () => {
  const vocabulary = ['<cashtag>', 'buy', 'buy rate', 'cut', 'not_buy', 'price target', 'ralli'];
  const index = new FeatureIndex(vocabulary.join('\n'));

  it('finds every feature at its line', () => {
    expect(vocabulary.map((f) => index.get(f))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(index.size).toBe(7);
  });

  it('finds nothing for unseen features, prefixes, or text spanning two lines', () => {
    for (const unseen of ['sell', 'bu', 'buy rat', 'buy\nbuy rate', '', 'ralli '])
      expect(index.get(unseen)).toBeUndefined();
  });

  it('stays correct when the table is crowded (70,000 features)', () => {
    const many = Array.from({ length: 70_000 }, (_, i) => `f${i.toString(36)}`);
    const big = new FeatureIndex(many.join('\n'));
    expect(many.every((f, i) => big.get(f) === i)).toBe(true);
    expect(big.get('f-1')).toBeUndefined();
  });
});

describe('the model file', () => {
  it('packs numbers to 3 decimals and scores with them: TF-IDF, unit length, softmax', () => {
    const file = encodeModel(
      ['down', 'up'],
      [
        [2, 1, -1, 0],
        [1, -1, 1.23456, 0],
      ],
      { bias: [0, 0, 0.5], training: {} },
    );
    const model = new SentimentModel(file);
    // "up up": one feature, tf 1 + ln 2, idf 1 → unit length 1; logits [-1, 1.235, 0.5].
    const logits = [-1, 1.235, 0.5];
    const exp = logits.map(Math.exp);
    const total = exp.reduce((a, b) => a + b, 0);
    const [negative, positive, neutral] = model.predict('up up');
    expect(negative).toBeCloseTo((exp[0] as number) / total, 6);
    expect(positive).toBeCloseTo((exp[1] as number) / total, 6);
    expect(neutral).toBeCloseTo((exp[2] as number) / total, 6);
    // Unknown words change nothing: only the bias speaks.
    expect(model.predict('sideways')).toEqual(new SentimentModel(file).predict(''));
  });

  it('refuses values that do not fit, an unknown format, and a table that does not match', () => {
    expect(() => encodeModel(['x'], [[40, 0, 0, 0]], { bias: [0, 0, 0], training: {} })).toThrow(
      'model value 40 does not fit at scale 1000',
    );
    const file = encodeModel(['x'], [[1, 0, 0, 0]], { bias: [0, 0, 0], training: {} });
    expect(() => new SentimentModel({ ...file, format: 'stockpipe-sentiment/1' as never })).toThrow(
      'unknown sentiment model format "stockpipe-sentiment/1"',
    );
    expect(() => new SentimentModel({ ...file, vocabulary: 'x\ny' })).toThrow(
      'sentiment model table does not match its vocabulary',
    );
  });
});

describe('trainModel', () => {
  const examples: LabelledText[] = [
    ...['shares rally after upgrade', 'upgrade lifts stock', 'stock soars on upgrade'].map((text) => ({
      text,
      label: 1 as const,
    })),
    ...['shares slump after downgrade', 'downgrade sinks stock', 'stock plunges on downgrade'].map(
      (text) => ({
        text,
        label: 0 as const,
      }),
    ),
    ...['company to report results', 'results due thursday', 'company schedules call'].map((text) => ({
      text,
      label: 2 as const,
    })),
  ];

  it('learns the words that separate the classes, and classifies new texts by them', () => {
    const model = new SentimentModel(trainModel(examples));
    const argmax = (p: number[]) => p.indexOf(Math.max(...p));
    expect(argmax(model.predict('analyst upgrade for the stock'))).toBe(1);
    expect(argmax(model.predict('analyst downgrade for the stock'))).toBe(0);
    expect(argmax(model.predict('the company will report'))).toBe(2);
  });

  it('records what it was trained on', () => {
    expect(trainModel(examples).training).toMatchObject({ examples: 9, perClass: [3, 3, 3], c: 25 });
  });
});
