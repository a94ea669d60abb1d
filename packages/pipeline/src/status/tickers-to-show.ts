import { parseWatchlist, type WatchEntry } from '@stockpipe/shared';
import type { WarehouseReader } from '../ports.ts';
import { inWatchlistOrder } from './ticker-order.ts';

/**
 * The tickers a report of [from, to) shows (`status`, `digest`): those `--watchlist` names, else the watchlist and
 * any other ticker with rows in the period, so what is there is shown.
 */
export async function tickersToShow(
  asked: string | undefined,
  watchlist: readonly WatchEntry[],
  warehouse: Pick<WarehouseReader, 'tickersWithRows'>,
  period: { from: Date; to: Date },
): Promise<string[]> {
  if (asked !== undefined) return parseWatchlist(asked).map((w) => w.ticker);
  const withRows = await warehouse.tickersWithRows(period.from, period.to);
  const listed = watchlist.map((w) => w.ticker);
  return inWatchlistOrder([...listed, ...withRows], listed);
}
