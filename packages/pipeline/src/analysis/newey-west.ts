/** The Bartlett kernel's bandwidth by Newey and West's (1994) rule of thumb: ⌊4 (n / 100)^(2/9)⌋. */
export function neweyWestLags(n: number): number {
  return Math.floor(4 * (n / 100) ** (2 / 9));
}

/**
 * The slope b of y = a + b·x + e by least squares, with its Newey–West (HAC, Bartlett kernel) standard error, for
 * x already centred (Σx = 0), so that the bread (X'X)⁻¹ is diagonal and only the slope's row of the meat is
 * needed: Var(b) = Σ_{|l|≤L} (1 − |l|/(L+1)) Σ_t xₜeₜ·xₜ₋ₗeₜ₋ₗ / (Σx²)². No small-sample factor: statsmodels'
 * `cov_type='HAC'` with `use_correction=False` gives the same number.
 */
export function hacSlope(
  x: readonly number[],
  y: readonly number[],
  lags: number,
): { slope: number; se: number } {
  const n = x.length;
  let sxx = 0;
  let sxy = 0;
  let sy = 0;
  for (let t = 0; t < n; t++) {
    const xt = x[t] as number;
    sxx += xt * xt;
    sxy += xt * (y[t] as number);
    sy += y[t] as number;
  }
  const slope = sxy / sxx;
  const intercept = sy / n;
  const score = x.map((xt, t) => xt * ((y[t] as number) - intercept - slope * xt));
  let meat = 0;
  for (let l = 0; l <= Math.min(lags, n - 1); l++) {
    let gamma = 0;
    for (let t = l; t < n; t++) gamma += (score[t] as number) * (score[t - l] as number);
    meat += l === 0 ? gamma : 2 * (1 - l / (lags + 1)) * gamma;
  }
  return { slope, se: Math.sqrt(Math.max(meat, 0)) / sxx };
}
