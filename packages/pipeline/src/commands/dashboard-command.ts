import { join } from 'node:path';
import { type Config, parseWatchlist } from '@stockpipe/shared';
import { hoursUpTo } from '../hours.ts';
import { writeDashboard } from '../report/write-dashboard.ts';
import { openWarehouse } from '../stores/open-warehouse.ts';

export interface DashboardOptions {
  out?: string;
  hours: number;
  until?: string;
  watchlist?: string;
}

/** `stockpipe dashboard`: one self-contained HTML page of price against sentiment, from the warehouse. */
export async function dashboardCommand(
  config: Config,
  options: DashboardOptions,
  out: (text: string) => void,
  now = new Date(),
): Promise<number> {
  const hours = hoursUpTo(options.until, options.hours, now);
  const tickers =
    options.watchlist === undefined ? undefined : parseWatchlist(options.watchlist).map((w) => w.ticker);
  const { warehouse, close } = await openWarehouse({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const path = await writeDashboard(warehouse, {
      hours,
      tickers,
      path: options.out ?? join(config.dataDir, 'dashboard.html'),
      now,
    });
    out(`dashboard: ${path}\n`);
    return 0;
  } finally {
    await close();
  }
}
