import { describe, expect, it } from 'vitest';
import { crossCorrelation, lagPairs } from '../../src/analysis/cross-correlation.ts';
import { seededRandom } from '../../src/sources/seeded-random.ts';
import { expectNear, type Reference, reference } from './reference.ts';

function expectLikeStatsmodels(
  actual: ReturnType<typeof crossCorrelation>,
  expected: Reference['crossCorrelation'],
) {
  expect(actual.map((c) => c.lag)).toEqual(expected.map((c) => c.lag));
  actual.forEach((lag, i) => {
    const want = expected[i] as Reference['crossCorrelation'][number];
    expect(lag.n).toBe(want.n);
    expectNear(lag.r, want.r);
    if (want.r === null) return;
    expect(lag.hacLags).toBe(want.hacLags);
    expectNear(lag.se, want.se);
    expectNear(lag.p, want.p);
  });
}

describe('crossCorrelation', () => {
  const { deseasonalised, series, maxLag } = reference;

  it('gives r(k), its Newey–West standard error and p as statsmodels OLS with cov_type HAC', () => {
    expectLikeStatsmodels(
      crossCorrelation(deseasonalised.sentiment, deseasonalised.returns, series.session, maxLag),
      reference.crossCorrelation,
    );
  });

  it('does the same for the AR surprises, where short sessions leave a lag without pairs', () => {
    expectLikeStatsmodels(
      crossCorrelation(
        reference.surprises.sentiment.surprises,
        reference.surprises.returns.surprises,
        series.session,
        maxLag,
      ),
      reference.crossCorrelationOfSurprises,
    );
  });

  it('puts its interval at r ± 1.96 se, clipped to [−1, 1]', () => {
    const lags = crossCorrelation(deseasonalised.sentiment, deseasonalised.returns, series.session, maxLag);
    for (const lag of lags) {
      expectNear(lag.lo, Math.max(-1, (lag.r as number) - 1.959963984540054 * (lag.se as number)));
      expectNear(lag.hi, Math.min(1, (lag.r as number) + 1.959963984540054 * (lag.se as number)));
    }
  });

  it('pairs sentiment at t with the return at t + k only inside one session, k > 0 meaning sentiment first', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [10, 20, 30, 40, 50];
    const session = [0, 0, 0, 1, 1];
    expect(lagPairs(x, y, session, 1)).toEqual({ xs: [1, 2, 4], ys: [20, 30, 50] });
    expect(lagPairs(x, y, session, -1)).toEqual({ xs: [2, 3, 5], ys: [10, 20, 40] });
    expect(lagPairs(x, [10, null, 30, 40, 50], session, 0)).toEqual({
      xs: [1, 3, 4, 5],
      ys: [10, 30, 40, 50],
    });
  });

  it('gives no r, interval or p to a lag with fewer than 20 pairs', () => {
    const lags = crossCorrelation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5], [0, 0, 0, 0, 0], 1);
    expect(lags.map((l) => [l.lag, l.r, l.p, l.n])).toEqual([
      [-1, null, null, 4],
      [0, null, null, 5],
      [1, null, null, 4],
    ]);
  });

  // 300 pairs of independent AR(1) series (ρ = 0.6): the HAC test rejects 5.3% of them, white-noise bands 18.7%.
  it('keeps its level on two independent autocorrelated series, where white-noise bands (±1.96/√n) do not', () => {
    const random = seededRandom('independent-ar');
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    const ar = (n: number) => {
      let level = 0;
      return Array.from({ length: n }, () => {
        level = 0.6 * level + gauss();
        return level;
      });
    };
    const session = Array.from({ length: 700 }, (_, i) => Math.floor(i / 7));
    let hac = 0;
    let whiteNoise = 0;
    const runs = 300;
    for (let run = 0; run < runs; run++) {
      const [same] = crossCorrelation(ar(700), ar(700), session, 0);
      if ((same?.p ?? 1) < 0.05) hac++;
      if (Math.abs(same?.r ?? 0) * Math.sqrt(same?.n ?? 0) > 1.959963984540054) whiteNoise++;
    }
    expect(hac / runs).toBeLessThanOrEqual(0.09);
    expect(whiteNoise / runs).toBeGreaterThanOrEqual(0.12);
  });
});
