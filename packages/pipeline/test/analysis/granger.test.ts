import { describe, expect, it } from 'vitest';
import { grangerByBic, grangerTest } from '../../src/analysis/granger.ts';
import { expectAllNear, expectNear, reference } from './reference.ts';

describe('grangerTest', () => {
  it("gives statsmodels grangercausalitytests' ssr F test on a contiguous series", () => {
    const { cause, effect, tests } = reference.contiguous;
    const oneSession = cause.map(() => 0);
    for (const want of tests) {
      const got = grangerTest(cause, effect, oneSession, want.lags);
      expect(got).not.toBeNull();
      expect([got?.df1, got?.df2]).toEqual([want.df1, want.df2]);
      expectNear(got?.f, want.f);
      expectNear(got?.p, want.p);
    }
  });

  it('gives the F of statsmodels OLS on the within-session design, both ways, at fixed orders', () => {
    const { deseasonalised: d, series } = reference;
    for (const want of reference.granger.fixed) {
      const [cause, effect] =
        want.direction === 'sentimentToReturns' ? [d.sentiment, d.returns] : [d.returns, d.sentiment];
      const got = grangerTest(cause, effect, series.session, want.lags);
      expect([got?.n, got?.df1, got?.df2]).toEqual([want.n, want.df1, want.df2]);
      expectNear(got?.f, want.f);
      expectNear(got?.p, want.p);
    }
  });

  it('never takes a lag from another session: a row needs all its lags in the target’s session', () => {
    // Two sessions of 3 hours; with 1 lag only hours 2–3 and 5–6 are targets: 4 rows.
    const x = [1, 5, 2, 8, 3, 9];
    const y = [4, 1, 7, 2, 9, 4];
    expect(grangerTest(x, y, [0, 0, 0, 1, 1, 1], 1)?.n).toBe(4);
    expect(grangerTest(x, y, [0, 0, 0, 0, 0, 0], 1)?.n).toBe(5);
  });
});

describe('grangerByBic', () => {
  it('picks the lag order by BIC on a common sample and tests it, as statsmodels OLS does', () => {
    const { deseasonalised: d, series, maxLag } = reference;
    const cases = [
      [reference.granger.sentimentToReturns, d.sentiment, d.returns],
      [reference.granger.returnsToSentiment, d.returns, d.sentiment],
    ] as const;
    for (const [want, cause, effect] of cases) {
      const got = grangerByBic(cause, effect, series.session, maxLag);
      expect(got?.bic.length).toBe(want.bic.length);
      expectAllNear(got?.bic ?? [], want.bic);
      expect([got?.lags, got?.n, got?.df1, got?.df2]).toEqual([want.lags, want.n, want.df1, want.df2]);
      expectNear(got?.f, want.f);
      expectNear(got?.p, want.p);
    }
  });
});
