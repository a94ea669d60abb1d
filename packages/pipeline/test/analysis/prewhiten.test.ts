import { describe, expect, it } from 'vitest';
import { arSurprises } from '../../src/analysis/prewhiten.ts';
import { expectAllNear, reference } from './reference.ts';

describe('arSurprises', () => {
  it('fits the AR order BIC picks (0 allowed) and keeps its residuals, as statsmodels OLS does', () => {
    const { deseasonalised: d, series, maxLag } = reference;
    for (const [values, want] of [
      [d.sentiment, reference.surprises.sentiment],
      [d.returns, reference.surprises.returns],
    ] as const) {
      const got = arSurprises(values, series.session, maxLag);
      expect(got.order).toBe(want.order);
      expectAllNear(got.surprises, want.surprises);
    }
  });

  it("leaves a session's first hours without a surprise rather than reach into the session before", () => {
    const session = Array.from({ length: 700 }, (_, i) => Math.floor(i / 7));
    let level = 0;
    const values = session.map((_, i) => {
      level = 0.8 * level + Math.sin(i * 12.9898) * 0.5;
      return level;
    });
    const { surprises, order } = arSurprises(values, session, 3);
    expect(order).toBeGreaterThan(0);
    surprises.forEach((s, i) => {
      if (i % 7 < order) expect(s).toBeNull();
      else expect(s).not.toBeNull();
    });
  });
});
