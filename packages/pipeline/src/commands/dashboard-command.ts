import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Config, ConfigError, parseWatchlist } from '@stockpipe/shared';
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
  const path = options.out ?? join(config.dataDir, 'dashboard.html');
  if ((await stat(path).catch(() => null))?.isDirectory()) {
    throw new ConfigError([
      `--out: ${resolve(path)} is a folder; expected the path of the HTML file to write`,
    ]);
  }
  const { warehouse, close } = await openWarehouse({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    lockWaitMs: config.lockWaitSeconds * 1000,
  });
  try {
    await writeDashboard(warehouse, { hours, tickers, path, now });
    out(`dashboard: ${resolve(path)}\n`);
    return 0;
  } finally {
    await close();
  }
}
