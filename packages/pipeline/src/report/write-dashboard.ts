import { resolve } from 'node:path';
import type { WarehouseReader } from '../ports.ts';
import { inWatchlistOrder } from '../status/ticker-order.ts';
import { writeFileAtomic } from '../stores/atomic-file.ts';
import { HOUR_MS } from '../time/hours.ts';
import { loadChartAssets } from './chart-assets.ts';
import { dashboardFrame, type PageSource, shapePanel, type TickerPanel } from './dashboard-data.ts';
import { renderDashboard } from './dashboard-html.ts';
import { type RangeName, topPostLimits } from './dashboard-range.ts';
import { leadLagPanel } from './lead-lag-panel.ts';

// Rows per warehouse read: tickers are read a batch at a time, so a year of 500 tickers never sits in memory at once.
const ROWS_PER_READ = 100_000;

/**
 * Reads the period from the warehouse and writes the dashboard page; returns its absolute path. Without a
 * watchlist it shows every ticker with rows in the period.
 */
export async function writeDashboard(
  warehouse: WarehouseReader,
  options: DashboardRequest & { path: string },
): Promise<string> {
  const path = resolve(options.path);
  await writeFileAtomic(path, await dashboardHtml(warehouse, options));
  return path;
}

export interface DashboardRequest {
  hours: readonly Date[];
  tickers?: readonly string[];
  /** The configured watchlist's tickers: panels follow its order when `tickers` is not given. */
  watchlist?: readonly string[];
  now?: Date;
  /** The named range the hours are, for the chooser; none for a count of hours. */
  range?: RangeName | null;
  source?: PageSource;
  /** Answered by `serve`: the chooser links to `?range=`. */
  served?: boolean;
}

/** The dashboard page of the period, as HTML: what the file holds and what `serve` answers. */
export async function dashboardHtml(warehouse: WarehouseReader, options: DashboardRequest): Promise<string> {
  const first = options.hours[0];
  const last = options.hours.at(-1);
  if (!first || !last) throw new Error('a dashboard needs at least one hour');
  const to = new Date(last.getTime() + HOUR_MS);
  const frame = dashboardFrame(options.hours, { generatedAt: options.now ?? new Date(), ...options });
  const limits = topPostLimits(frame.view);
  const [tickers, assets] = await Promise.all([
    options.tickers ??
      warehouse.tickersWithRows(first, to).then((all) => inWatchlistOrder(all, options.watchlist ?? [])),
    loadChartAssets(),
  ]);
  const perRead = Math.max(1, Math.floor(ROWS_PER_READ / options.hours.length));
  const panels: TickerPanel[] = [];
  for (let i = 0; i < tickers.length; i += perRead) {
    const batch = tickers.slice(i, i + perRead);
    const [rows, posts, ledger] = await Promise.all([
      warehouse.rows(batch, first, to),
      warehouse.topPosts(batch, first, to, limits.perTicker, limits.perDay),
      warehouse.ledger(batch, first, to),
    ]);
    const rowsOf = Map.groupBy(rows, (r) => r.ticker);
    const ledgerOf = Map.groupBy(ledger, (r) => r.ticker);
    for (const ticker of batch)
      panels.push(shapePanel(frame, ticker, rowsOf.get(ticker) ?? [], posts, ledgerOf.get(ticker) ?? []));
  }
  const saved = await warehouse.savedLeadLag(tickers);
  return renderDashboard({ ...frame, panels }, assets, {
    served: options.served ?? false,
    blocks: [(panel) => leadLagPanel(saved.get(panel.ticker))],
  });
}

/** Where `all` starts: the first hour the ledger records for the tickers (every ticker with rows when none given). */
export async function firstRecordedHour(
  warehouse: WarehouseReader,
  tickers: readonly string[] | undefined,
): Promise<Date | null> {
  const all = tickers ?? (await warehouse.tickersWithRows(new Date(0), new Date(8.64e15)));
  const firsts = [...(await warehouse.firstRecorded(all)).values()];
  // Not Math.min(...): no list of any length is spread into arguments.
  return firsts.reduce<Date | null>((first, d) => (first && first <= d ? first : d), null);
}
