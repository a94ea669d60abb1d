import { resolve } from 'node:path';
import type { WarehouseReader } from '../ports.ts';
import { writeFileAtomic } from '../stores/atomic-file.ts';
import { HOUR_MS } from '../time/hours.ts';
import { loadChartAssets } from './chart-assets.ts';
import { shapeDashboard } from './dashboard-data.ts';
import { renderDashboard } from './dashboard-html.ts';

const POSTS_PER_TICKER = 10;

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
  now?: Date;
}

/** The dashboard page of the period, as HTML: what the file holds and what `serve` answers. */
export async function dashboardHtml(warehouse: WarehouseReader, options: DashboardRequest): Promise<string> {
  const first = options.hours[0];
  const last = options.hours.at(-1);
  if (!first || !last) throw new Error('a dashboard needs at least one hour');
  const to = new Date(last.getTime() + HOUR_MS);
  const tickers = options.tickers ?? (await warehouse.tickersWithRows(first, to));
  const [rows, posts, ledger, assets] = await Promise.all([
    warehouse.rows(tickers, first, to),
    warehouse.topPosts(tickers, first, to, POSTS_PER_TICKER),
    warehouse.ledger(tickers, first, to),
    loadChartAssets(),
  ]);
  const model = shapeDashboard(rows, posts, tickers, options.hours, options.now ?? new Date(), ledger);
  return renderDashboard(model, assets);
}
