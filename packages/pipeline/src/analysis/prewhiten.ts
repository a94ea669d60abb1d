import { orderByBic } from './bic-order.ts';
import { lagDesign } from './lag-design.ts';
import { leastSquares } from './least-squares.ts';

/**
 * A series' surprises: the residuals of its own AR(p) fit by OLS with a constant, p from 0…maxOrder by BIC
 * (`orderByBic`), lags within a session only. Null where the value or a lag is unknown, and for a session's first
 * p hours. Cross-correlating surprises rather than levels is Box–Jenkins prewhitening (Haugh's 1976 test): with
 * persistent sentiment, a pure lead of sentiment also correlates sentiment with earlier returns, which would read
 * as "follows"; surprises correlate only where the relation is.
 */
export function arSurprises(
  values: readonly (number | null)[],
  session: readonly number[],
  maxOrder: number,
): { surprises: (number | null)[]; order: number } {
  const order = orderByBic(values, [values], session, 0, maxOrder)?.order ?? 0;
  const design = lagDesign(values, [values], session, order);
  const fit = leastSquares(design.rows, design.target);
  const surprises: (number | null)[] = values.map(() => null);
  if (!fit) return { surprises, order };
  design.rows.forEach((row, i) => {
    const fitted = row.reduce((sum, x, j) => sum + x * (fit.coefficients[j] as number), 0);
    surprises[design.at[i] as number] = (design.target[i] as number) - fitted;
  });
  return { surprises, order };
}
