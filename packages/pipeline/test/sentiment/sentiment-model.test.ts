import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLabelledCsv } from '../../src/sentiment/labelled-csv.ts';
import { DEFAULT_MODEL_URL } from '../../src/sentiment/local-scorer.ts';
import { evaluate, formatMetrics } from '../../src/sentiment/metrics.ts';
import { features, stemToken, tokenize } from '../../src/sentiment/tokenize.ts';
import { DEFAULT_TRAINING_URL } from '../../src/sentiment/training-data.ts';
import { trainModel } from '../../training/train.ts';
import { trainFromCsv } from '../../training/train-command.ts';

describe('tokenize', () => {
  it('turns cashtags into a placeholder: which company is not the mood', () => {
    expect(tokenize('$AMZN and $BRK.B rally')).toEqual(['<cashtag>', 'and', '<cashtag>', 'rally']);
  });

  it('drops links', () => {
    expect(tokenize('Upgrade https://t.co/abc123 www.example.com/x now')).toEqual(['upgrade', 'now']);
  });

  it('keeps the direction of a percentage and folds other numbers', () => {
    expect(tokenize('up +5.2% then -3 % and 12,000 shares at 1.5B')).toEqual([
      'up',
      '<pct-up>',
      'then',
      '<pct-down>',
      'and',
      '<num>',
      'shares',
      'at',
      '<num>',
    ]);
  });

  it('marks words after a negation until the next punctuation', () => {
    expect(tokenize("Not a buy here, doesn't look good. Strong quarter")).toEqual([
      'not',
      'not_a',
      'not_buy',
      'not_here',
      "doesn't",
      'not_look',
      'not_good',
      'strong',
      'quarter',
    ]);
  });

  it('adds word pairs to the words, all stemmed', () => {
    expect(features('price targets raised')).toEqual([
      'price',
      'target',
      'rais',
      'price target',
      'target rais',
    ]);
  });

  it('stems every form of a word to one feature, keeping negation and placeholders', () => {
    expect(['cuts', 'cutting', 'cut'].map(stemToken)).toEqual(['cut', 'cut', 'cut']);
    expect(['rallies', 'rallied', 'rally'].map(stemToken)).toEqual(['ralli', 'ralli', 'ralli']);
    expect(stemToken('not_raising')).toBe('not_rais');
    expect(stemToken('<pct-down>')).toBe('<pct-down>');
  });
});

describe('training', () => {
  const rows = readLabelledCsv(readFileSync(DEFAULT_TRAINING_URL, 'utf8')).rows;

  it('is deterministic: the same data gives the same model, byte for byte', () => {
    const sample = rows.slice(0, 1_500);
    expect(JSON.stringify(trainModel(sample))).toBe(JSON.stringify(trainModel(sample)));
  }, 60_000); // two small fits: about 2 s alone, far more on a busy 2-core machine

  it('produced the committed model file from the committed data', () => {
    expect(trainFromCsv(DEFAULT_TRAINING_URL)).toBe(readFileSync(DEFAULT_MODEL_URL, 'utf8'));
  }, 600_000); // a full training run: about 10 s alone, minutes while turbo runs every package's tasks on 2 cores
});

describe('readLabelledCsv', () => {
  it('reads quoted texts with line breaks and both label styles, and reports bad rows by line', () => {
    const csv = 'text,label\n"first\nline, with comma",1\nplain,negative\nwhat,maybe\n,2\nlast,neutral\n';
    const { rows, rejected } = readLabelledCsv(csv);
    expect(rows).toEqual([
      { text: 'first\nline, with comma', label: 1 },
      { text: 'plain', label: 0 },
      { text: 'last', label: 2 },
    ]);
    expect(rejected).toEqual([
      {
        line: 5,
        reason: 'unknown label "maybe" (expected 0, 1, 2, negative, positive, neutral, bearish or bullish)',
      },
      { line: 6, reason: 'empty text' },
    ]);
  });

  it('refuses a file without a text or label column', () => {
    expect(() => readLabelledCsv('tweet,label\nx,1\n')).toThrow(
      'the CSV needs a "text" column; its header is "tweet,label"',
    );
    expect(() => readLabelledCsv('text\nx\n')).toThrow(/needs a "label" column/);
  });

  it('says an empty file is empty, and reads a header alone as no rows', () => {
    for (const empty of ['', '\n\n']) expect(() => readLabelledCsv(empty)).toThrow(/^the file is empty;/);
    expect(readLabelledCsv('text,label\n')).toEqual({ rows: [], rejected: [] });
  });

  it("takes the dataset's own words for its classes: bearish and bullish", () => {
    expect(readLabelledCsv('text,label\ndown,Bearish\nup,bullish\n').rows.map((r) => r.label)).toEqual([
      0, 1,
    ]);
  });
});

describe('evaluate', () => {
  it('computes accuracy, per-class precision and recall, macro-F1 and the confusion matrix', () => {
    const m = evaluate([
      { actual: 0, predicted: 0 },
      { actual: 0, predicted: 2 },
      { actual: 1, predicted: 1 },
      { actual: 2, predicted: 2 },
      { actual: 2, predicted: 1 },
    ]);
    expect(m.accuracy).toBeCloseTo(0.6);
    expect(m.confusion).toEqual([
      [1, 0, 1],
      [0, 1, 0],
      [0, 1, 1],
    ]);
    expect(m.perClass.negative).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(m.perClass.positive).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(m.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 0.5) / 3);
  });

  it('averages F1 over the classes present in labels or predictions only', () => {
    const perfect = evaluate([
      { actual: 0, predicted: 0 },
      { actual: 1, predicted: 1 },
    ]);
    expect([perfect.accuracy, perfect.macroF1]).toEqual([1, 1]); // neutral, absent from both, does not count
    // Positive is never the truth but is predicted once: a wrong guess that counts (F1 0).
    const guessed = evaluate([
      { actual: 0, predicted: 0 },
      { actual: 0, predicted: 1 },
    ]);
    expect(guessed.macroF1).toBeCloseTo((2 / 3 + 0) / 2);
    expect(formatMetrics(perfect)).toMatch(/^neutral {13}– {7}– {6}– {9}0$/m);
  });
});
