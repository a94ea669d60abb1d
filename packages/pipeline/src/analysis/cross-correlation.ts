import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { hacSlope, neweyWestLags } from './newey-west.ts';

/** r(k) between sentiment at hour t and the return at hour t + k, both within one session. */
export interface LagCorrelation {
  /** k > 0: sentiment first; k < 0: the return first. */
  lag: number;
  r: number | null;
  /** Newey–West interval at the run's level, clipped to [−1, 1]. */
  lo: number | null;
  hi: number | null;
  /** Two-sided p of r = 0 against the HAC standard error (normal). */
  p: number | null;
  se: number | null;
  /** Pairs the lag stands on. */
  n: number;
  /** The Bartlett bandwidth its standard error used. */
  hacLags: number;
}

/** Below this many pairs a lag gets no r: its interval would mean nothing. */
const MIN_PAIRS = 20;

/**
 * r(k) for k = −maxLag…maxLag: the Pearson correlation of the pairs (x_t, y_{t+k}) with both known and in the same
 * session (`session[t] === session[t + k]`: entries are consecutive traded hours inside a session). Its interval
 * and p come from regressing standardised y on standardised x (slope = r) with a Newey–West standard error over
 * the pairs in time order, bandwidth by `neweyWestLags`: white-noise bands (±1.96/√n) are too narrow when both
 * series are autocorrelated, as hourly sentiment is.
 */
export function crossCorrelation(
  x: readonly (number | null)[],
  y: readonly (number | null)[],
  session: readonly number[],
  maxLag: number,
  alpha = 0.05,
): LagCorrelation[] {
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const lags: LagCorrelation[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const { xs, ys } = lagPairs(x, y, session, lag);
    const n = xs.length;
    const hacLags = neweyWestLags(n);
    const empty = { lag, r: null, lo: null, hi: null, p: null, se: null, n, hacLags };
    const sx = standardise(xs);
    const sy = standardise(ys);
    if (n < MIN_PAIRS || !sx || !sy) {
      lags.push(empty);
      continue;
    }
    const { slope: r, se } = hacSlope(sx, sy, hacLags);
    const p = 2 * (1 - normalCdf(Math.abs(r / se), 0, 1));
    lags.push({ lag, r, lo: Math.max(-1, r - z * se), hi: Math.min(1, r + z * se), p, se, n, hacLags });
  }
  return lags;
}

/** The pairs (x_t, y_{t+lag}) with both known and both in one session, in time order. */
export function lagPairs(
  x: readonly (number | null)[],
  y: readonly (number | null)[],
  session: readonly number[],
  lag: number,
): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = Math.max(0, -lag); t < x.length && t + lag < y.length; t++) {
    const xt = x[t];
    const yt = y[t + lag];
    if (xt == null || yt == null || session[t] !== session[t + lag]) continue;
    xs.push(xt);
    ys.push(yt);
  }
  return { xs, ys };
}

/** (v − mean) / sd (population sd), or null for a constant series. */
function standardise(values: readonly number[]): number[] | null {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return sd > 0 ? values.map((v) => (v - mean) / sd) : null;
}
