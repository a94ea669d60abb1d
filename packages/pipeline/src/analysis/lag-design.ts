/** Regression rows built from lags that never cross a session. */
export interface LagDesign {
  /** Per row: 1, then each lagged series' lags 1…order. */
  rows: number[][];
  target: number[];
  /** The entry each row's target is. */
  at: number[];
}

/**
 * Rows for targets t whose `reach` previous entries all lie in t's session (entries are consecutive traded hours
 * of a session, so t − l is l traded hours back) and whose lagged series are known that far back. `reach` above
 * `order` keeps the rows of a larger order, so that orders compare on one sample.
 */
export function lagDesign(
  target: readonly (number | null)[],
  lagged: readonly (readonly (number | null)[])[],
  session: readonly number[],
  order: number,
  reach = order,
): LagDesign {
  const design: LagDesign = { rows: [], target: [], at: [] };
  for (let t = reach; t < target.length; t++) {
    const y = target[t];
    if (y == null || session[t - reach] !== session[t]) continue;
    if (!lagged.every((series) => knownBack(series, t, reach))) continue;
    const row = [1];
    for (const series of lagged) for (let l = 1; l <= order; l++) row.push(series[t - l] as number);
    design.rows.push(row);
    design.target.push(y);
    design.at.push(t);
  }
  return design;
}

function knownBack(values: readonly (number | null)[], t: number, lags: number): boolean {
  for (let l = 1; l <= lags; l++) if (values[t - l] == null) return false;
  return true;
}
