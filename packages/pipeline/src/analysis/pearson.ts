import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

export interface Correlation {
  n: number;
  r: number;
  /** Fisher's z interval: tanh(atanh r ± z_{1−α/2} / √(n − 3)). */
  lo: number;
  hi: number;
  /** Two-sided, from t = r √((n − 2) / (1 − r²)) on n − 2 degrees of freedom. */
  p: number;
}

/**
 * Pearson's r of paired values with its Fisher interval and t-test p: for pairs that are independent of one
 * another (one a session), where no HAC correction is needed. Null under 4 pairs or with a constant side.
 */
export function pearson(x: readonly number[], y: readonly number[], alpha = 0.05): Correlation | null {
  const n = x.length;
  if (n < 4) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  // Rounding can carry |r| a hair past 1 for perfectly linear data.
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const half = normalQuantile(1 - alpha / 2, 0, 1) / Math.sqrt(n - 3);
  const t = Math.abs(r) === 1 ? Number.POSITIVE_INFINITY : r * Math.sqrt((n - 2) / (1 - r * r));
  return {
    n,
    r,
    lo: Math.tanh(Math.atanh(r) - half),
    hi: Math.tanh(Math.atanh(r) + half),
    p: 2 * (1 - tCdf(Math.abs(t), n - 2)),
  };
}
