import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/analysis/benjamini-hochberg.ts';
import { expectAllNear, reference } from './reference.ts';

describe('benjaminiHochberg', () => {
  it("gives statsmodels multipletests' fdr_bh q-values, ties and all, in the input's order", () => {
    const { p, q } = reference.benjaminiHochberg;
    expectAllNear(benjaminiHochberg(p), q);
  });

  it('corrects for every test it is given: one p of 0.01 among 100 is no longer significant', () => {
    const alone = benjaminiHochberg([0.01]);
    const amongMany = benjaminiHochberg([0.01, ...Array.from({ length: 99 }, () => 0.9)]);
    expect(alone[0]).toBeCloseTo(0.01);
    // 100 · 0.01 / 1 = 1, but a q is never above the q of a larger p (0.9 · 100 / 100).
    expect(amongMany[0]).toBeCloseTo(0.9);
  });

  it('gives nothing for no tests', () => {
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
