import { type Config, isScheduledHour } from '@stockpipe/shared';
import type { DigestNotice, WarehouseReader } from '../ports.ts';
import { hoursBetween, statusCells } from '../status/grid.ts';
import { tickersToShow } from '../status/tickers-to-show.ts';
import { DAY_MS, HOUR_MS } from '../time/hours.ts';
import { composeDigest } from './daily-digest.ts';

/**
 * A UTC day's digest from the warehouse, counted over the hours the schedule runs (a backfill of whole days may
 * have loaded the others); null when no hour of the day is on the schedule (a weekend under market hours).
 */
export async function readDayDigest(
  warehouse: WarehouseReader,
  config: Pick<Config, 'schedule' | 'watchlist'>,
  day: Date,
  asked?: string,
): Promise<DigestNotice | null> {
  const end = new Date(day.getTime() + DAY_MS);
  const hours = hoursBetween(day, new Date(end.getTime() - HOUR_MS)).filter((hour) =>
    isScheduledHour(hour, config.schedule),
  );
  if (hours.length === 0) return null;
  const tickers = await tickersToShow(asked, config.watchlist, warehouse, { from: day, to: end });
  const [ledger, rows] = await Promise.all([
    warehouse.ledger(tickers, day, end),
    warehouse.rows(tickers, day, end),
  ]);
  const scheduled = new Set(hours.map((h) => h.getTime()));
  return composeDigest({
    day,
    tickers,
    scheduleText: config.schedule.text,
    cells: statusCells(tickers, hours, ledger),
    rows: rows.filter((r) => scheduled.has(r.hourStart.getTime())),
  });
}
