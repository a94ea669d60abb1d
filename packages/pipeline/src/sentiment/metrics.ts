/** The three classes of the labelled data, in its label order: 0 bearish, 1 bullish, 2 neutral. */
const CLASS_NAMES = ['negative', 'positive', 'neutral'] as const;

interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  rows: number;
  accuracy: number;
  /** The mean F1 of the classes present in the labels or the predictions; a class absent from both says nothing. */
  macroF1: number;
  perClass: Record<(typeof CLASS_NAMES)[number], ClassMetrics>;
  /** confusion[actual][predicted], in CLASS_NAMES order. */
  confusion: number[][];
}

/** Accuracy, per-class precision and recall, macro-F1 and the confusion matrix of predictions against labels. */
export function evaluate(pairs: readonly { actual: 0 | 1 | 2; predicted: 0 | 1 | 2 }[]): Metrics {
  const confusion = CLASS_NAMES.map(() => CLASS_NAMES.map(() => 0));
  for (const { actual, predicted } of pairs) {
    const row = confusion[actual];
    if (row) row[predicted] = (row[predicted] ?? 0) + 1;
  }
  const cell = (a: number, p: number) => confusion[a]?.[p] ?? 0;
  const perClass = Object.fromEntries(
    CLASS_NAMES.map((name, k) => {
      const truePositives = cell(k, k);
      const predicted = CLASS_NAMES.reduce((n, _, a) => n + cell(a, k), 0);
      const support = CLASS_NAMES.reduce((n, _, p) => n + cell(k, p), 0);
      const precision = predicted === 0 ? 0 : truePositives / predicted;
      const recall = support === 0 ? 0 : truePositives / support;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [name, { precision, recall, f1, support }];
    }),
  ) as Metrics['perClass'];
  const correct = CLASS_NAMES.reduce((n, _, k) => n + cell(k, k), 0);
  const present = CLASS_NAMES.filter((_, k) => isPresent(confusion, k));
  return {
    rows: pairs.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1:
      present.length === 0 ? 0 : present.reduce((n, name) => n + perClass[name].f1, 0) / present.length,
    perClass,
    confusion,
  };
}

/** Whether class k occurs among the labels (its row) or the predictions (its column). */
function isPresent(confusion: number[][], k: number): boolean {
  return CLASS_NAMES.some((_, j) => (confusion[k]?.[j] ?? 0) > 0 || (confusion[j]?.[k] ?? 0) > 0);
}

/** A readable report: the figures, then the confusion matrix. A class absent from labels and predictions shows –. */
export function formatMetrics(m: Metrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `rows ${m.rows}   accuracy ${pct(m.accuracy)}   macro-F1 ${m.macroF1.toFixed(4)}`,
    '',
    'class       precision  recall     F1   support',
    ...CLASS_NAMES.map((name, k) => {
      const c = m.perClass[name];
      const [precision, recall, f1] = isPresent(m.confusion, k)
        ? [pct(c.precision), pct(c.recall), c.f1.toFixed(3)]
        : ['–', '–', '–'];
      return `${name.padEnd(10)} ${precision.padStart(10)} ${recall.padStart(7)} ${f1.padStart(6)} ${String(c.support).padStart(9)}`;
    }),
    '',
    'confusion (rows: actual, columns: predicted)',
    `${''.padEnd(10)} ${CLASS_NAMES.map((n) => n.padStart(9)).join('')}`,
    ...CLASS_NAMES.map(
      (name, a) => `${name.padEnd(10)} ${(m.confusion[a] ?? []).map((n) => String(n).padStart(9)).join('')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
