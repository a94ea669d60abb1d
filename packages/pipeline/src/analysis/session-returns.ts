/** The prices of an hour that traded. */
export interface HourPrices {
  open: number;
  close: number;
}

export interface SessionReturns {
  /**
   * One per hour of the session: hour i > 0 gives ln(closeᵢ / closeᵢ₋₁); the first hour gives its in-hour
   * return ln(close₀ / open₀), from the 9:30 open, so that the overnight gap is never part of an hourly return.
   * Null when the hour or the one before it in the session did not trade or was not loaded: never taken from an
   * older hour.
   */
  returns: (number | null)[];
  /** ln(open₀ / the previous session's last close): the opening gap, null when either price is unknown. */
  gap: number | null;
}

/**
 * Log returns inside one NYSE session, from its hours' prices in order (null where the hour did not trade or was
 * not loaded), and the opening gap from `previousClose`, the close of the previous session's last hour (null when
 * that hour is unknown). Nothing crosses a session except the gap, which is kept apart.
 */
export function sessionReturns(
  prices: readonly (HourPrices | null)[],
  previousClose: number | null,
): SessionReturns {
  const returns = prices.map((hour, i) => {
    if (hour === null) return null;
    if (i === 0) return Math.log(hour.close / hour.open);
    const before = prices[i - 1];
    return before ? Math.log(hour.close / before.close) : null;
  });
  const first = prices[0];
  const gap = first && previousClose !== null ? Math.log(first.open / previousClose) : null;
  return { returns, gap };
}
