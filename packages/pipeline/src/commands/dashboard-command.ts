import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Config, ConfigError, parseWatchlist } from '@stockpipe/shared';
import { commandLogger } from '../log.ts';
import { closedDaysNote } from '../report/closed-days-note.ts';
import { type PeriodChoice, periodHours, rangeOf } from '../report/dashboard-range.ts';
import { firstRecordedHour, writeDashboard } from '../report/write-dashboard.ts';
import { openWarehouseFor } from '../wiring.ts';

export interface DashboardOptions extends PeriodChoice {
  out?: string;
  watchlist?: string;
}

/** `stockpipe dashboard`: one self-contained HTML page of price against sentiment, from the warehouse. */
export async function dashboardCommand(
  config: Config,
  options: DashboardOptions,
  out: (text: string) => void,
  now = new Date(),
): Promise<number> {
  const tickers =
    options.watchlist === undefined ? undefined : parseWatchlist(options.watchlist).map((w) => w.ticker);
  if (options.out?.trim() === '')
    throw new ConfigError(['--out: expected the path of the HTML file to write, got ""']);
  const path = options.out ?? join(config.dataDir, 'dashboard.html');
  if ((await stat(path).catch(() => null))?.isDirectory()) {
    throw new ConfigError([
      `--out: ${resolve(path)} is a folder; expected the path of the HTML file to write`,
    ]);
  }
  // Flags are checked before the warehouse opens: a mistyped --until costs no database start.
  periodHours(options, now);
  const { warehouse, close } = await openWarehouseFor(config, commandLogger(config), { existing: true });
  try {
    const first = options.range === 'all' ? await firstRecordedHour(warehouse, tickers) : null;
    const hours = periodHours(options, now, first);
    await writeDashboard(warehouse, {
      hours,
      tickers,
      watchlist: config.watchlist.map((w) => w.ticker),
      path,
      now,
      range: rangeOf(options),
    }).catch((error: unknown) => {
      throw cannotWrite(error, path) ?? error;
    });
    out(`dashboard: ${resolve(path)}\n`);
    const closed = closedDaysNote(hours);
    if (closed) out(`${closed}\n`);
    return 0;
  } finally {
    await close();
  }
}

/** A file system's refusal to write where --out points (a file for a folder, no such place, no permission) is the
 * user's to fix: one line naming the flag, exit 2. Anything else (the warehouse) is not. */
function cannotWrite(error: unknown, path: string): ConfigError | undefined {
  const { code, path: at } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof at !== 'string' || !at.startsWith(dirname(resolve(path))))
    return undefined;
  return new ConfigError([`--out: cannot write ${resolve(path)} (${code})`]);
}
