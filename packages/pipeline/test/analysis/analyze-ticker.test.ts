import { describe, expect, it } from 'vitest';
import { concludeRun } from '../../src/analysis/analyze-run.ts';
import { testTicker } from '../../src/analysis/analyze-ticker.ts';
import { syntheticTicker } from './synthetic-market.ts';

const quarter = { from: '2024-01-01T00:00Z', to: '2024-04-01T00:00Z' };

describe('testTicker then concludeRun', () => {
  it('prints the shape the command and the dashboard read', () => {
    const hours = syntheticTicker({ seed: 'shape', relation: 'lead', spikeChance: 0.03, ...quarter });
    const [analysis] = JSON.parse(JSON.stringify(concludeRun([testTicker('SHAPE', hours)]).tickers));
    expect(Object.keys(analysis)).toEqual(
      expect.arrayContaining(['ticker', 'hours', 'verdict', 'underpowered', 'crossCorrelation', 'granger']),
    );
    expect(Number.isInteger(analysis.hours)).toBe(true);
    expect(analysis.crossCorrelation).toHaveLength(13);
    expect(Object.keys(analysis.crossCorrelation[6])).toEqual(
      expect.arrayContaining(['lag', 'r', 'lo', 'hi', 'n', 'q']),
    );
    for (const direction of ['sentimentToReturns', 'returnsToSentiment']) {
      expect(Object.keys(analysis.granger[direction])).toEqual(
        expect.arrayContaining(['lags', 'f', 'p', 'q']),
      );
    }
    expect(Object.keys(analysis.overnight)).toEqual(expect.arrayContaining(['n', 'r', 'lo', 'hi']));
    expect(Object.keys(analysis.events)).toEqual(expect.arrayContaining(['count', 'polarity']));
    for (const polarity of ['positive', 'negative', 'neutral']) {
      expect(Object.keys(analysis.events.polarity[polarity])).toEqual(['n', 'car', 'lo', 'hi']);
      expect(analysis.events.polarity[polarity].car).toHaveLength(6);
    }
  });

  it('leaves late hours out unless includeLate keeps them', () => {
    const hours = syntheticTicker({ seed: 'late', ...quarter }).map((h) => ({ ...h, late: true }));
    expect(testTicker('LATE', hours).tooFewHours).toBe(true);
    expect(testTicker('LATE', hours, { includeLate: true }).tooFewHours).toBe(false);
  });

  it('takes its maximum lag and sentiment threshold from the options', () => {
    const hours = syntheticTicker({ seed: 'options', ...quarter });
    const tests = testTicker('OPT', hours, { maxLag: 2, minScored: 6 });
    expect(tests.crossCorrelation.map((c) => c.lag)).toEqual([-2, -1, 0, 1, 2]);
    expect(tests.hours).toBeLessThan(testTicker('OPT', hours).hours);
  });
});
