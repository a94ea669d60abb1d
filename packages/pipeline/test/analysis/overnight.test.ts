import { describe, expect, it } from 'vitest';
import type { SessionOpening } from '../../src/analysis/aligned-series.ts';
import { overnightRelation } from '../../src/analysis/overnight.ts';
import { pearson } from '../../src/analysis/pearson.ts';
import { expectNear, reference } from './reference.ts';

describe('pearson', () => {
  it("gives scipy's r and p, and Fisher's interval", () => {
    const want = reference.overnight;
    const got = pearson(want.sentiment, want.gap);
    expectNear(got?.r, want.r);
    expectNear(got?.p, want.p);
    expectNear(got?.lo, want.lo);
    expectNear(got?.hi, want.hi);
    expect(got?.n).toBe(want.sentiment.length);
  });
});

describe('overnightRelation', () => {
  const opening = (gap: number | null, overnightSentiment: number | null): SessionOpening => ({
    day: '2025-03-10',
    gap,
    overnightSentiment,
    overnightHours: overnightSentiment === null ? 0 : 17,
  });

  it('pairs each session’s closed-hours sentiment with its opening gap, skipping sessions missing either', () => {
    const { sentiment, gap } = reference.overnight;
    const sessions = sentiment.flatMap((s, i) => [
      opening(gap[i] as number, s),
      opening(null, s),
      opening(0.01, null),
    ]);
    const got = overnightRelation(sessions);
    expect(got?.n).toBe(sentiment.length);
    expectNear(got?.r, reference.overnight.r);
  });

  it('reports nothing under 20 sessions with both', () => {
    const { sentiment, gap } = reference.overnight;
    const sessions = sentiment.slice(0, 19).map((s, i) => opening(gap[i] as number, s));
    expect(overnightRelation(sessions)).toBeNull();
  });
});
