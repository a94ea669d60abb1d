import { smallest } from '../extremes.ts';
import { lagDesign } from './lag-design.ts';
import { gaussianBic, leastSquares } from './least-squares.ts';

/** The order search wants this many rows per coefficient of its largest model before it trusts a fit. */
const ROWS_PER_COEFFICIENT = 10;

/**
 * The lag order among `minOrder`…`maxOrder` with the smallest BIC for `target` on a constant and `lagged`'s lags.
 * Orders compare on one sample, the rows that have every lag of the largest order; the largest order comes down
 * until that sample has 10 rows per coefficient (a 7-hour session has one row with 6 lags in it, and short
 * series have few). `bic[i]` is order minOrder + i's (statsmodels' OLS `bic`). Null when no order can be fitted.
 */
export function orderByBic(
  target: readonly (number | null)[],
  lagged: readonly (readonly (number | null)[])[],
  session: readonly number[],
  minOrder: number,
  maxOrder: number,
): { order: number; bic: number[] } | null {
  const coefficients = (order: number) => 1 + lagged.length * order;
  let largest = maxOrder;
  while (
    largest > minOrder &&
    lagDesign(target, lagged, session, largest).target.length < ROWS_PER_COEFFICIENT * coefficients(largest)
  ) {
    largest--;
  }
  const bic: number[] = [];
  for (let order = minOrder; order <= largest; order++) {
    const design = lagDesign(target, lagged, session, order, largest);
    const fit = leastSquares(design.rows, design.target);
    const n = design.target.length;
    bic.push(fit && fit.rss > 0 ? gaussianBic(fit.rss, n, coefficients(order)) : Number.POSITIVE_INFINITY);
  }
  const best = bic.indexOf(smallest(bic));
  if (best < 0 || !Number.isFinite(bic[best] as number)) return null;
  return { order: minOrder + best, bic };
}
