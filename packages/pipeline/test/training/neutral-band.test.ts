import { describe, expect, it } from 'vitest';
import { bestBand, measureBands } from '../../training/neutral-band.ts';

// 0 bearish, 1 bullish, 2 neutral, as in the labelled data.
const examples = [
  { score: 0.6, label: 1 },
  { score: 0.5, label: 1 },
  { score: -0.45, label: 0 },
  { score: -0.7, label: 0 },
  { score: 0.1, label: 2 },
  { score: -0.2, label: 2 },
  { score: 0.25, label: 2 },
] as const;

describe('choosing the neutral band on labelled scores', () => {
  it('picks the narrowest band that labels the data best', () => {
    const best = bestBand(measureBands(examples));
    // Every band in (0.25, 0.45] separates these perfectly; 0.26 is the first.
    expect(best.band).toBe(0.26);
    expect(best.metrics.macroF1).toBe(1);
  });

  it('scores a band that is too narrow or too wide lower', () => {
    const [narrow, right, wide] = measureBands(examples, [0.05, 0.3, 0.55]);
    expect(right?.metrics.macroF1).toBe(1);
    expect(narrow?.metrics.macroF1).toBeLessThan(1);
    expect(wide?.metrics.macroF1).toBeLessThan(1);
    // Too narrow calls neutral texts bullish or bearish; too wide calls bullish and bearish ones neutral.
    expect(narrow?.metrics.perClass.neutral.recall).toBe(0);
    expect(wide?.metrics.perClass.neutral.precision).toBeLessThan(1);
  });
});
