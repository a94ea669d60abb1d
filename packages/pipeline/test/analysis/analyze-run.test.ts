import { describe, expect, it } from 'vitest';
import { concludeRun } from '../../src/analysis/analyze-run.ts';
import type { TickerTests } from '../../src/analysis/analyze-ticker.ts';
import { benjaminiHochberg } from '../../src/analysis/benjamini-hochberg.ts';

function tickerTests(
  ticker: string,
  lagPs: (number | null)[],
  toReturns: number,
  toSentiment: number,
): TickerTests {
  const maxLag = (lagPs.length - 1) / 2;
  const granger = (p: number) => ({ lags: 1, f: 1, df1: 1, df2: 500, p, n: 502 });
  return {
    ticker,
    hours: 1000,
    tooFewHours: false,
    underpowered: false,
    prewhitening: { sentimentOrder: 1, returnsOrder: 0 },
    crossCorrelation: lagPs.map((p, i) => ({
      lag: i - maxLag,
      r: p === null ? null : 0.1,
      lo: null,
      hi: null,
      p,
      se: null,
      n: 900,
      hacLags: 7,
    })),
    granger: { sentimentToReturns: granger(toReturns), returnsToSentiment: granger(toSentiment) },
    overnight: { n: 250, r: 0.1, lo: 0, hi: 0.2, p: 0.3 },
    events: null,
  };
}

describe('concludeRun', () => {
  it('corrects every p of every ticker together, and says how many there were', () => {
    const a = tickerTests('AAA', [0.2, 0.001, 0.5], 0.04, 0.6);
    const b = tickerTests('BBB', [0.9, null, 0.03], 0.7, 0.01);
    const run = concludeRun([a, b]);
    expect(run.comparisons).toBe(11);
    const q = benjaminiHochberg([0.2, 0.001, 0.5, 0.04, 0.6, 0.3, 0.9, 0.03, 0.7, 0.01, 0.3]);
    const [first, second] = run.tickers;
    expect(first?.crossCorrelation.map((c) => c.q)).toEqual(q.slice(0, 3));
    expect(first?.granger.sentimentToReturns?.q).toBe(q[3]);
    expect(first?.overnight?.q).toBe(q[5]);
    expect(second?.crossCorrelation.map((c) => c.q)).toEqual([q[6], null, q[7]]);
    expect(second?.granger.returnsToSentiment?.q).toBe(q[9]);
  });

  it('gives verdicts from the corrected q, not the raw p', () => {
    // Alone (4 tests), p = 0.01 has q = 0.04; among 84 tests, q = 0.84.
    const lone = concludeRun([tickerTests('AAA', [0.5], 0.01, 0.5)]);
    expect(lone.tickers[0]?.verdict).toBe('leads');
    const crowd = Array.from({ length: 20 }, (_, i) => tickerTests(`T${i}`, [0.5], 0.5, 0.5));
    const run = concludeRun([tickerTests('AAA', [0.5], 0.01, 0.5), ...crowd]);
    expect(run.tickers[0]?.verdict).toBe('no_evidence');
  });

  it('passes too_few_hours through without counting any test of it', () => {
    const short: TickerTests = {
      ...tickerTests('TINY', [], 1, 1),
      tooFewHours: true,
      crossCorrelation: [],
      granger: { sentimentToReturns: null, returnsToSentiment: null },
      overnight: null,
    };
    const run = concludeRun([short]);
    expect(run.comparisons).toBe(0);
    expect(run.tickers[0]?.verdict).toBe('too_few_hours');
  });
});
