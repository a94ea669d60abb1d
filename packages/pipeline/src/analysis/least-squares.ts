import { Matrix, QrDecomposition } from 'ml-matrix';

export interface LeastSquaresFit {
  coefficients: number[];
  /** Residual sum of squares. */
  rss: number;
}

/**
 * y regressed on the columns of `design` (one row per observation; put a column of ones in it for a constant), by
 * QR rather than normal equations so that nearly collinear lags lose no digits. Null when the columns are linearly
 * dependent or there are no more rows than columns: no unique fit.
 */
export function leastSquares(design: readonly number[][], y: readonly number[]): LeastSquaresFit | null {
  const columns = design[0]?.length ?? 0;
  if (columns === 0 || design.length <= columns) return null;
  const x = new Matrix(design as number[][]);
  const qr = new QrDecomposition(x);
  if (!qr.isFullRank()) return null;
  const beta = qr.solve(Matrix.columnVector(y as number[]));
  const fitted = x.mmul(beta);
  let rss = 0;
  for (let i = 0; i < y.length; i++) rss += ((y[i] as number) - fitted.get(i, 0)) ** 2;
  return { coefficients: beta.to1DArray(), rss };
}

/** −2 log L of a Gaussian linear model at its ML variance RSS/n, plus k ln n: statsmodels' OLS `bic`. */
export function gaussianBic(rss: number, n: number, k: number): number {
  return n * (Math.log((2 * Math.PI * rss) / n) + 1) + k * Math.log(n);
}
