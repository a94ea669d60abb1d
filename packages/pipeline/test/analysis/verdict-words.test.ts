import { describe, expect, it } from 'vitest';
import type { RunAnalysis, TickerAnalysis } from '../../src/analysis/analyze-run.ts';
import { verdictTable } from '../../src/analysis/verdict-words.ts';

const ticker = (over: Partial<TickerAnalysis>): TickerAnalysis =>
  ({
    ticker: 'AMZN',
    hours: 900,
    verdict: 'no_evidence',
    underpowered: false,
    crossCorrelation: [],
    granger: { sentimentToReturns: null, returnsToSentiment: null },
    overnight: null,
    events: null,
    ...over,
  }) as TickerAnalysis;

describe('the verdict table', () => {
  it('gives each ticker its verdict and figures, says what the verdicts used mean, and counts the comparisons', () => {
    const run: RunAnalysis = {
      comparisons: 31,
      alpha: 0.05,
      tickers: [
        ticker({
          verdict: 'leads',
          crossCorrelation: [
            { lag: 1, r: 0.21, lo: 0.15, hi: 0.27, p: 0.0001, se: 0.03, n: 880, q: 0.001 } as never,
          ],
          granger: {
            sentimentToReturns: { lags: 2, f: 9.5, df1: 2, df2: 870, p: 0.0001, n: 875, q: 0.002 } as never,
            returnsToSentiment: null,
          },
        }),
        ticker({ ticker: 'MSFT', hours: 120, verdict: 'too_few_hours', underpowered: true }),
        ticker({ ticker: 'TSLA', hours: 500, underpowered: true }),
      ],
    };
    const table = verdictTable(run, { from: '2024-01-01T00:00Z', to: '2024-12-31T23:00Z' });
    expect(table).toMatch(/3 tickers, 31 tests corrected together/);
    expect(table).toMatch(/AMZN\s+900\s+leads\s+r\(\+1\)=0\.21 \[0\.15, 0\.27\] q=0\.001\s+F=9\.50 q=0\.002/);
    expect(table).toMatch(/MSFT\s+120\s+too_few_hours\s/);
    expect(table).toMatch(/TSLA\s+500\s+no_evidence \(underpowered\)/);
    expect(table).toMatch(/leads: sentiment moves first/);
    expect(table).not.toMatch(/follows:/);
  });
});
