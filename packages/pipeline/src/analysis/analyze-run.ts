import type { TickerTests } from './analyze-ticker.ts';
import { benjaminiHochberg } from './benjamini-hochberg.ts';
import type { LagCorrelation } from './cross-correlation.ts';
import type { EventStudy } from './event-study.ts';
import type { GrangerResult } from './granger.ts';
import type { Correlation } from './pearson.ts';
import { evidenceOf, type Verdict, verdictOf } from './verdict.ts';

type WithQ<T> = T & { q: number | null };

/** One ticker's answer: what `stockpipe analyze --json` prints for it. */
export interface TickerAnalysis {
  ticker: string;
  hours: number;
  verdict: Verdict;
  underpowered: boolean;
  prewhitening: TickerTests['prewhitening'];
  crossCorrelation: WithQ<LagCorrelation>[];
  granger: {
    sentimentToReturns: WithQ<GrangerResult> | null;
    returnsToSentiment: WithQ<GrangerResult> | null;
  };
  overnight: WithQ<Correlation> | null;
  events: EventStudy | null;
}

/** A ticker's analysis as `analyze --save` kept it: the range it covered, and the run's count of comparisons. */
export interface SavedLeadLag {
  analysis: TickerAnalysis;
  from: Date;
  to: Date;
  comparisons: number;
}

export interface RunAnalysis {
  /** How many tests the q-values correct for: every p of every ticker of the run. */
  comparisons: number;
  alpha: number;
  tickers: TickerAnalysis[];
}

/**
 * The run-level step: Benjamini–Hochberg q-values over every test of every ticker (each lag of r(k), both Granger
 * directions, the overnight relation; a test that could not be computed has no p and is not counted), then each
 * ticker's verdict from its q-values. The event study is descriptive and is not among the tests.
 */
export function concludeRun(tests: readonly TickerTests[], alpha = 0.05): RunAnalysis {
  const pValues: number[] = [];
  const slot = (p: number | null | undefined): number | null => (p == null ? null : pValues.push(p) - 1);
  const indexed = tests.map((t) => ({
    lags: t.crossCorrelation.map((c) => slot(c.p)),
    toReturns: slot(t.granger.sentimentToReturns?.p),
    toSentiment: slot(t.granger.returnsToSentiment?.p),
    overnight: slot(t.overnight?.p),
  }));
  const q = benjaminiHochberg(pValues);
  const qAt = (index: number | null) => (index === null ? null : (q[index] as number));
  const withQ = <T extends object>(value: T | null, index: number | null): WithQ<T> | null =>
    value && { ...value, q: qAt(index) };

  const tickers = tests.map((t, i): TickerAnalysis => {
    const at = indexed[i] as (typeof indexed)[number];
    const crossCorrelation = t.crossCorrelation.map((c, k) => ({ ...c, q: qAt(at.lags[k] ?? null) }));
    const granger = {
      sentimentToReturns: withQ(t.granger.sentimentToReturns, at.toReturns),
      returnsToSentiment: withQ(t.granger.returnsToSentiment, at.toSentiment),
    };
    const verdict: Verdict = t.tooFewHours
      ? 'too_few_hours'
      : verdictOf(
          evidenceOf(crossCorrelation, granger.sentimentToReturns, granger.returnsToSentiment, alpha),
        );
    return {
      ticker: t.ticker,
      hours: t.hours,
      verdict,
      underpowered: t.underpowered,
      prewhitening: t.prewhitening,
      crossCorrelation,
      granger,
      overnight: withQ(t.overnight, at.overnight),
      events: t.events,
    };
  });
  return { comparisons: pValues.length, alpha, tickers };
}
