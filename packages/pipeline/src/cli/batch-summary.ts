import { count } from '../format/count.ts';
import type { BatchTally, HourSpan } from '../run/batch-tally.ts';
import { hourLabel } from '../time/hours.ts';

/** Tickers compared as the summary lists them (`byWatchlist`, status/ticker-order.ts). */
type TickerOrder = (a: string, b: string) => number;

/** The failed ticker-hours a long command names, one a line, and how many more there were. */
export function failedLines(tally: BatchTally, order: TickerOrder): string[] {
  const named = tally.failed.named.toSorted(
    (a, b) => order(a.ticker, b.ticker) || a.hourStart.getTime() - b.hourStart.getTime(),
  );
  return [
    ...named.map((o) => `  ${o.ticker} ${hourLabel(o.hourStart)} failed at ${o.stage}: ${o.reason}`),
    ...(tally.failed.unnamed > 0
      ? [`  … and ${tally.failed.unnamed} more failed (\`stockpipe status\` lists them all)`]
      : []),
  ];
}

/** `AMZN: 3 hours busy (…), between A and B: …`: a line per ticker of a kind of ticker-hour. */
export function spanLines(
  spans: readonly [string, HourSpan][],
  order: TickerOrder,
  what: (span: HourSpan) => string,
  tail = '',
): string[] {
  return spans
    .toSorted(([a], [b]) => order(a, b))
    .map(
      ([ticker, span]) =>
        `  ${ticker}: ${what(span)}, between ${hourLabel(span.first)} and ${hourLabel(span.last)}${tail}`,
    );
}

/** The busy line both long commands print: another run held these hours past the lock wait. */
export function busyLines(tally: BatchTally, command: string, order: TickerOrder): string[] {
  return spanLines(
    tally.busy.entries(),
    order,
    (span) =>
      `${count(span.count, 'hour')} busy (another run or the compliance check held them past STOCKPIPE_LOCK_WAIT_SECONDS)`,
    `: run the same ${command} again to take them`,
  );
}
