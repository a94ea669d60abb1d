/**
 * values − mean(values of the same New York hour of day), over the known values; unknown stays unknown. Both
 * series lose their intraday cycle (the opening hour's volatility, the evening's chatter) before any statistic, so
 * a shared cycle cannot pass for a relation. The means are the whole sample's: the tests ask whether the series
 * move together, not whether one forecasts the other out of sample.
 */
export function removeHourOfDayMeans(
  values: readonly (number | null)[],
  hourOfDay: readonly number[],
): (number | null)[] {
  const sums = new Map<number, { sum: number; count: number }>();
  values.forEach((value, i) => {
    if (value === null) return;
    const hour = hourOfDay[i] as number;
    const entry = sums.get(hour) ?? { sum: 0, count: 0 };
    entry.sum += value;
    entry.count++;
    sums.set(hour, entry);
  });
  return values.map((value, i) => {
    if (value === null) return null;
    const entry = sums.get(hourOfDay[i] as number) as { sum: number; count: number };
    return value - entry.sum / entry.count;
  });
}
