import { describe, expect, it } from 'vitest';
import type { AlignedSeries } from '../../src/analysis/aligned-series.ts';
import { eventStudy } from '../../src/analysis/event-study.ts';

/** Two sessions of four hours; returns, sentiment and gaps as given. */
function series(
  returns: (number | null)[],
  sentiment: (number | null)[],
  gaps: (number | null)[] = [null, 0.01],
): AlignedSeries {
  const session = returns.map((_, i) => Math.floor(i / 4));
  return {
    hourStart: returns.map((_, i) => i * 3_600_000),
    session,
    hourOfDay: session.map((_, i) => 9 + (i % 4)),
    returns,
    sentiment,
    volume: returns.map(() => 10),
    sessions: gaps.map((gap, i) => ({ day: `d${i}`, gap, overnightSentiment: null, overnightHours: 0 })),
  };
}

describe('eventStudy', () => {
  it('sums abnormal returns over the next traded hours, taking the opening gap when the window crosses a night', () => {
    const s = series([0, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007], [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]);
    const market = series([0, 0, 0, 0.001, 0.001, 0, 0, 0], [], [null, 0.004]);
    const study = eventStudy(s, [2], market, 3);
    // Hours 3, 4 (after the gap) and 5: (0.003 − 0.001) + (0.01 − 0.004) + (0.004 − 0.001) + (0.005 − 0).
    expect(study.polarity.positive.n).toBe(1);
    const car = study.polarity.positive.car.map((v) => Number(v?.toFixed(10)));
    expect(car).toEqual([0.002, 0.011, 0.016]);
    expect(study.polarity.positive.lo).toEqual([null, null, null]);
  });

  it('measures against the own mean hourly return (and mean gap) without a benchmark', () => {
    const returns = [0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.005];
    const study = eventStudy(series(returns, [0, 0, 0, 0, 0, 0, -0.9, 0]), [6], null, 1);
    expect(study.polarity.negative.car[0]).toBeCloseTo(0.005 - 0.0015, 12);
  });

  it('splits by polarity with the neutral band, counts unscored and incomplete windows, and never fills', () => {
    const sentiment = [0.2, null, 0.9, 0, 0, 0, 0, 0];
    const returns = [0, 0, 0, null, 0, 0, 0, 0];
    const study = eventStudy(series(returns, sentiment), [0, 1, 2], null, 1);
    // Event 0 (neutral, 0.2 < 0.33) takes hour 1; spike 1 is inside its window; spike 2 needs hour 3 (unknown).
    expect(study.count).toBe(2);
    expect(study.polarity.neutral.n).toBe(1);
    expect(study.incomplete).toBe(1);
    expect(study.polarity.positive.n).toBe(0);
    expect(study.polarity.positive.car).toEqual([null]);
  });

  it('gives a t interval of the mean CAR over events', () => {
    const returns = [0.01, 0.02, 0.0, 0.03, 0.0, 0.01, 0.0, 0.02];
    const sentiment = [0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0];
    const study = eventStudy(series(returns, sentiment, [null, 0]), [0, 2, 4, 6], null, 1);
    const cars = [0.02, 0.03, 0.01, 0.02].map((r) => r - 0.01125);
    const mean = cars.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(cars.reduce((a, b) => a + (b - mean) ** 2, 0) / 3);
    expect(study.polarity.positive.car[0]).toBeCloseTo(mean, 12);
    expect(study.polarity.positive.hi[0]).toBeCloseTo(mean + (3.182446305284263 * sd) / 2, 10);
  });
});
