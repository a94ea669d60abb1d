import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { labelOfScore } from '../stages/score-label.ts';
import type { AlignedSeries } from './aligned-series.ts';

type Polarity = 'positive' | 'negative' | 'neutral';

/** Mean cumulative abnormal return after one polarity's events, for horizons 1…H traded hours. */
interface PolarityCar {
  /** Events with every horizon known. */
  n: number;
  car: (number | null)[];
  /** Student t interval of the mean over events; null under two events. */
  lo: (number | null)[];
  hi: (number | null)[];
}

export interface EventStudy {
  /** Spikes kept as events (one a window: a spike inside an earlier event's window is part of that event). */
  count: number;
  /** Events whose hour had too few scored posts to have a polarity. */
  unscored: number;
  /** Events left out because a return of their window is unknown (a missing hour, the series' end). */
  incomplete: number;
  polarity: Record<Polarity, PolarityCar>;
}

/**
 * Ranco et al. (2015)'s event study on an hourly grid. An event is a spike hour (see `volumeSpikes`) split by the
 * polarity of its sentiment (the project's neutral band). CAR_h = the sum of abnormal returns over the next h
 * traded hours, t+1…t+h; when the window runs into the next session it takes that session's opening gap too, so
 * CAR_h is the abnormal ln(P_{t+h} / P_t). Abnormal = the ticker's return minus the benchmark's of the same hour
 * (gap minus gap) when a benchmark is given, else minus the ticker's own mean hourly return (mean gap). A window
 * with an unknown return is left out, never filled. Spikes within `horizon` hours after an event join it, so that
 * windows never overlap and the events' CARs are independent enough for a t interval.
 */
export function eventStudy(
  series: AlignedSeries,
  spikes: readonly number[],
  benchmark: AlignedSeries | null,
  horizon: number,
  alpha = 0.05,
): EventStudy {
  const abnormal = abnormalReturns(series, benchmark);
  const cars: Record<Polarity, number[][]> = { positive: [], negative: [], neutral: [] };
  let count = 0;
  let unscored = 0;
  let incomplete = 0;
  let windowEnd = -1;
  for (const at of spikes) {
    if (at <= windowEnd) continue;
    windowEnd = at + horizon;
    count++;
    const score = series.sentiment[at];
    if (score == null) {
      unscored++;
      continue;
    }
    const path = carPath(series.session, abnormal, at, horizon);
    if (!path) {
      incomplete++;
      continue;
    }
    cars[polarityOf(score)].push(path);
  }
  const summarise = (paths: number[][]) => meanPath(paths, horizon, alpha);
  return {
    count,
    unscored,
    incomplete,
    polarity: {
      positive: summarise(cars.positive),
      negative: summarise(cars.negative),
      neutral: summarise(cars.neutral),
    },
  };
}

function polarityOf(score: number): Polarity {
  const label = labelOfScore(score);
  return label === 'POSITIVE' ? 'positive' : label === 'NEGATIVE' ? 'negative' : 'neutral';
}

interface Abnormal {
  hourly: (number | null)[];
  gap: (number | null)[];
}

function abnormalReturns(series: AlignedSeries, benchmark: AlignedSeries | null): Abnormal {
  const gaps = series.sessions.map((s) => s.gap);
  if (benchmark) {
    const minus = (a: number | null, b: number | null | undefined) =>
      a === null || b == null ? null : a - b;
    return {
      hourly: series.returns.map((r, i) => minus(r, benchmark.returns[i])),
      gap: gaps.map((g, i) => minus(g, benchmark.sessions[i]?.gap)),
    };
  }
  const hourMean = meanOf(series.returns);
  const gapMean = meanOf(gaps);
  return {
    hourly: series.returns.map((r) => (r === null ? null : r - hourMean)),
    gap: gaps.map((g) => (g === null ? null : g - gapMean)),
  };
}

/** CAR_1…CAR_h after entry `at`, or null when any return (or gap crossed) is unknown. */
function carPath(
  session: readonly number[],
  abnormal: Abnormal,
  at: number,
  horizon: number,
): number[] | null {
  const path: number[] = [];
  let sum = 0;
  for (let j = at + 1; j <= at + horizon; j++) {
    if (j >= session.length) return null;
    const current = session[j] as number;
    if (current !== session[j - 1]) {
      const gap = abnormal.gap[current];
      if (gap == null) return null;
      sum += gap;
    }
    const hourly = abnormal.hourly[j];
    if (hourly == null) return null;
    sum += hourly;
    path.push(sum);
  }
  return path;
}

function meanPath(paths: readonly number[][], horizon: number, alpha: number): PolarityCar {
  const n = paths.length;
  const car: (number | null)[] = [];
  const lo: (number | null)[] = [];
  const hi: (number | null)[] = [];
  const t = n >= 2 ? tQuantile(1 - alpha / 2, n - 1) : Number.NaN;
  for (let h = 0; h < horizon; h++) {
    const values = paths.map((p) => p[h] as number);
    const mean = n > 0 ? values.reduce((a, b) => a + b, 0) / n : null;
    car.push(mean);
    if (mean === null || n < 2) {
      lo.push(null);
      hi.push(null);
      continue;
    }
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    lo.push(mean - (t * sd) / Math.sqrt(n));
    hi.push(mean + (t * sd) / Math.sqrt(n));
  }
  return { n, car, lo, hi };
}

function meanOf(values: readonly (number | null)[]): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    count++;
  }
  return count > 0 ? sum / count : 0;
}
