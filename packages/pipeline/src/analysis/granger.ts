import fCdf from '@stdlib/stats-base-dists-f-cdf';
import { orderByBic } from './bic-order.ts';
import { lagDesign } from './lag-design.ts';
import { leastSquares } from './least-squares.ts';

/** Does the cause's past help predict the effect beyond the effect's own past? */
export interface GrangerResult {
  /** Lag order p: p own lags and p lags of the cause. */
  lags: number;
  f: number;
  df1: number;
  df2: number;
  p: number;
  /** Rows the test stands on. */
  n: number;
}

/**
 * Granger's F test at order `lags`: OLS with a constant of effect_t on its own `lags` lags (restricted) and on
 * those plus the cause's `lags` lags (unrestricted), on the same rows, F = ((RSS_r − RSS_u) / p) / (RSS_u /
 * (n − 2p − 1)) on (p, n − 2p − 1) degrees of freedom: statsmodels' `grangercausalitytests` "ssr based F test".
 * Rows only where every lag lies in the target's session and every value is known. Null when it cannot be fitted.
 */
export function grangerTest(
  cause: readonly (number | null)[],
  effect: readonly (number | null)[],
  session: readonly number[],
  lags: number,
): GrangerResult | null {
  const design = lagDesign(effect, [effect, cause], session, lags);
  const n = design.target.length;
  const df2 = n - 2 * lags - 1;
  if (df2 < 1) return null;
  const restricted = leastSquares(
    design.rows.map((row) => row.slice(0, 1 + lags)),
    design.target,
  );
  const unrestricted = leastSquares(design.rows, design.target);
  if (!restricted || !unrestricted || unrestricted.rss <= 0) return null;
  const f = (restricted.rss - unrestricted.rss) / lags / (unrestricted.rss / df2);
  return { lags, f, df1: lags, df2, p: 1 - fCdf(f, lags, df2), n };
}

/** The Granger test at the order (1…maxLag) that the unrestricted model's BIC picks (`orderByBic`), on all its rows. */
export function grangerByBic(
  cause: readonly (number | null)[],
  effect: readonly (number | null)[],
  session: readonly number[],
  maxLag: number,
): (GrangerResult & { bic: number[] }) | null {
  const chosen = orderByBic(effect, [effect, cause], session, 1, maxLag);
  const test = chosen && grangerTest(cause, effect, session, chosen.order);
  return test && chosen && { ...test, bic: chosen.bic };
}
