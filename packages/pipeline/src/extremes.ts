// Math.min(...list) spreads the list into arguments: a few hundred thousand (a multi-year range × tickers) overflow
// the call stack. These walk the list instead; an empty one gives what Math.min() and Math.max() give.

/** The smallest of `values`; Infinity when there are none. */
export function smallest(values: Iterable<number>): number {
  let found = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < found || Number.isNaN(value)) found = value;
  return found;
}

/** The largest of `values`; -Infinity when there are none. */
export function largest(values: Iterable<number>): number {
  let found = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > found || Number.isNaN(value)) found = value;
  return found;
}
