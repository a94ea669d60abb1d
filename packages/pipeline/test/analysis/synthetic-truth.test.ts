// The analysis finds what was planted in seeded synthetic tickers, and finds nothing where nothing was planted.
import { beforeAll, describe, expect, it } from 'vitest';
import { alignSeries, sessionsOf } from '../../src/analysis/aligned-series.ts';
import { concludeRun, type RunAnalysis, type TickerAnalysis } from '../../src/analysis/analyze-run.ts';
import { testTicker } from '../../src/analysis/analyze-ticker.ts';
import { crossCorrelation } from '../../src/analysis/cross-correlation.ts';
import { type SyntheticSpec, syntheticMarket, syntheticTicker } from './synthetic-market.ts';

function analyse(spec: SyntheticSpec): TickerAnalysis {
  return concludeRun([testTicker(spec.seed, syntheticTicker(spec))]).tickers[0] as TickerAnalysis;
}

const lag = (analysis: TickerAnalysis, k: number) => analysis.crossCorrelation.find((c) => c.lag === k);

/** The verdicts of `count` seeded tickers with the same planted relation, and their analyses. */
function plant(spec: Omit<SyntheticSpec, 'seed'>, count = 25) {
  const analyses = Array.from({ length: count }, (_, i) =>
    analyse({ ...spec, seed: `${spec.relation}-${i}` }),
  );
  const share = (verdict: TickerAnalysis['verdict']) =>
    analyses.filter((a) => a.verdict === verdict).length / analyses.length;
  return { analyses, share };
}

// Each is judged over 25 seeded tickers: with every test of a ticker corrected together, a false discovery in the
// other direction (turning `leads` into `feedback`) is the price of a 5% false discovery rate, so some will miss.
describe('planted relations', () => {
  it('calls a planted one-hour lead of persistent sentiment `leads`, with r(+1) near its true value', () => {
    const { analyses, share } = plant({ relation: 'lead', persistence: 0.5, strength: 0.5 });
    expect(share('leads')).toBeGreaterThanOrEqual(0.8);
    // r(+1) of sentiment surprises with returns: strength·√(1 − ρ²) / √(1 + strength²) = 0.387.
    const truth = (0.5 * Math.sqrt(1 - 0.5 ** 2)) / Math.sqrt(1 + 0.5 ** 2);
    const r1 = analyses.map((a) => lag(a, 1));
    const meanR1 = r1.reduce((sum, c) => sum + (c?.r ?? 0), 0) / r1.length;
    expect(Math.abs(meanR1 - truth)).toBeLessThan(0.02);
    const covered = r1.filter((c) => (c?.lo ?? 1) <= truth && truth <= (c?.hi ?? -1)).length / r1.length;
    expect(covered).toBeGreaterThanOrEqual(0.8);
    expect(analyses.every((a) => (a.granger.sentimentToReturns?.q ?? 1) < 0.05)).toBe(true);
  });

  it('calls sentiment driven by the previous hour’s return `follows`', () => {
    const { analyses, share } = plant({ relation: 'follow', persistence: 0.5 });
    expect(share('follows')).toBeGreaterThanOrEqual(0.8);
    expect(analyses.every((a) => (lag(a, -1)?.q ?? 1) < 0.05)).toBe(true);
    expect(analyses.every((a) => (a.granger.returnsToSentiment?.q ?? 1) < 0.05)).toBe(true);
  });

  it('calls a same-hour relation `moves_with`', () => {
    const { analyses, share } = plant({ relation: 'same', persistence: 0.5 });
    expect(share('moves_with')).toBeGreaterThanOrEqual(0.8);
    expect(analyses.every((a) => (lag(a, 0)?.q ?? 1) < 0.05)).toBe(true);
  });

  it('does not call a shared hour-of-day cycle with no relation `leads`, though the raw series correlate', () => {
    const spec: SyntheticSpec = { seed: 'cycle', relation: 'none', hourCycle: 0.5, uShape: true };
    const hours = syntheticTicker(spec);
    const raw = alignSeries(hours, sessionsOf(hours), { minScored: 3, includeLate: false });
    // The trap: without the hour-of-day means removed, the cycle alone correlates the series strongly.
    const undeseasonalised = crossCorrelation(raw.sentiment, raw.returns, raw.session, 1);
    expect(undeseasonalised.every((c) => (c.p ?? 1) < 0.001)).toBe(true);
    const analysis = concludeRun([testTicker(spec.seed, hours)]).tickers[0];
    expect(analysis?.verdict).not.toBe('leads');
    expect(analysis?.verdict).toBe('no_evidence');
  });
});

describe('no relation', () => {
  // Persistent sentiment, a U-shaped intraday volatility and a shared hour-of-day cycle: every trap but a relation.
  let run: RunAnalysis;
  beforeAll(() => {
    run = concludeRun(
      Array.from({ length: 200 }, (_, i) =>
        testTicker(
          `null-${i}`,
          syntheticTicker({
            seed: `null-${i}`,
            relation: 'none',
            persistence: 0.8,
            uShape: true,
            hourCycle: 0.3,
            from: '2024-01-01T00:00Z',
            to: '2024-07-01T00:00Z',
          }),
        ),
      ),
    );
  });

  it('calls at most 5% (plus sampling tolerance) of 200 independent tickers anything but `no_evidence`', () => {
    const called = run.tickers.filter((t) => t.verdict !== 'no_evidence');
    // 5% of 200 is 10; two binomial standard deviations (3.1 each) of tolerance.
    expect(called.length).toBeLessThanOrEqual(16);
    expect(run.tickers.every((t) => t.verdict !== 'too_few_hours')).toBe(true);
  });

  it('keeps each uncorrected test near its level: at most 7% of the p-values fall under 0.05', () => {
    const ps = run.tickers.flatMap((t) => [
      ...t.crossCorrelation.map((c) => c.p),
      t.granger.sentimentToReturns?.p,
      t.granger.returnsToSentiment?.p,
      t.overnight?.p,
    ]);
    const known = ps.filter((p): p is number => p != null);
    expect(run.comparisons).toBe(known.length);
    expect(known.length).toBeGreaterThan(200 * 14);
    expect(known.filter((p) => p < 0.05).length / known.length).toBeLessThanOrEqual(0.07);
  });
});

describe('events', () => {
  const spec: SyntheticSpec = { seed: 'spikes', spikeChance: 0.03, drift: 0.003, driftHours: 3 };

  it('gives a positive CAR whose interval excludes zero after positive spikes, against the own mean', () => {
    const events = analyse(spec).events;
    expect(events?.count).toBeGreaterThan(30);
    const positive = events?.polarity.positive;
    expect(positive?.n).toBeGreaterThan(10);
    expect(positive?.lo[2]).toBeGreaterThan(0);
    expect(events?.polarity.negative.hi[2]).toBeLessThan(0);
  });

  it('does so against a benchmark of the same hours too, the market move taken out', () => {
    const market = syntheticMarket('spy');
    const hours = syntheticTicker({ ...spec, market: market.returns });
    const analysis = concludeRun([testTicker('spikes', hours, {}, market.hours)]).tickers[0];
    expect(analysis?.events?.polarity.positive.lo[2]).toBeGreaterThan(0);
    // One for one with the market, the abnormal CAR is the drift alone: about 3 × 0.003 by hour 3.
    expect(analysis?.events?.polarity.positive.car[2]).toBeCloseTo(0.009, 2);
  });
});

describe('short series', () => {
  it('gives `too_few_hours` and no statistics at all under 200 aligned hours', () => {
    const analysis = analyse({ seed: 'short', from: '2024-03-01T00:00Z', to: '2024-04-05T00:00Z' });
    expect(analysis.hours).toBeLessThan(200);
    expect(analysis.verdict).toBe('too_few_hours');
    expect(analysis.underpowered).toBe(true);
    expect(analysis.crossCorrelation).toEqual([]);
    expect(analysis.granger).toEqual({ sentimentToReturns: null, returnsToSentiment: null });
    expect(analysis.overnight).toBeNull();
    expect(analysis.events).toBeNull();
  });

  it('flags as underpowered a ticker with at least 200 but under 800 aligned hours', () => {
    const analysis = analyse({ seed: 'quarter', from: '2024-01-01T00:00Z', to: '2024-04-01T00:00Z' });
    expect(analysis.hours).toBeGreaterThanOrEqual(200);
    expect(analysis.hours).toBeLessThan(800);
    expect(analysis.underpowered).toBe(true);
    expect(analysis.verdict).not.toBe('too_few_hours');
  });
});
