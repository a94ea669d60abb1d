import { describe, expect, it } from 'vitest';
import { evidenceOf, verdictOf } from '../../src/analysis/verdict.ts';

const lags = (significant: number[]) =>
  [-2, -1, 0, 1, 2].map((lag) => ({ lag, q: significant.includes(lag) ? 0.01 : 0.5 }));
const test = (q: number | null) => ({ q });

describe('verdictOf', () => {
  it('says leads, follows, moves_with or no_evidence from which corrected tests are significant', () => {
    expect(verdictOf(evidenceOf(lags([1]), test(0.5), test(0.5), 0.05))).toBe('leads');
    expect(verdictOf(evidenceOf(lags([]), test(0.01), test(0.5), 0.05))).toBe('leads');
    expect(verdictOf(evidenceOf(lags([-2]), test(0.5), test(0.5), 0.05))).toBe('follows');
    expect(verdictOf(evidenceOf(lags([]), test(0.5), test(0.04), 0.05))).toBe('follows');
    expect(verdictOf(evidenceOf(lags([0]), test(0.5), test(0.5), 0.05))).toBe('moves_with');
    expect(verdictOf(evidenceOf(lags([]), test(0.5), null, 0.05))).toBe('no_evidence');
  });

  it('says feedback when both directions are significant, and lets either outrank the same hour', () => {
    expect(verdictOf(evidenceOf(lags([1, -1]), test(0.5), test(0.5), 0.05))).toBe('feedback');
    expect(verdictOf(evidenceOf(lags([0, 2]), test(0.5), test(0.5), 0.05))).toBe('leads');
    expect(verdictOf(evidenceOf(lags([0, -1]), test(0.5), test(0.5), 0.05))).toBe('follows');
  });

  it('counts a q at the level as significant and an untested one as not', () => {
    expect(evidenceOf(lags([]), test(0.05), test(null), 0.05)).toEqual({
      sentimentFirst: true,
      returnsFirst: false,
      sameHour: false,
    });
  });
});
