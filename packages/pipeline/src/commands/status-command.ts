import { type Config, ConfigError, isScheduledHour } from '@stockpipe/shared';
import { count } from '../format/count.ts';
import { commandLogger } from '../log.ts';
import { closedDaysNote } from '../report/closed-days-note.ts';
import { cellJson, hoursBetween, renderStatus, type StatusCell, statusCells } from '../status/grid.ts';
import { tickersToShow } from '../status/tickers-to-show.ts';
import { type HourRange, parseHourRange } from '../time/hour-range.ts';
import { HOUR_MS, hourLabel, lastCompleteHour } from '../time/hours.ts';
import { openWarehouseFor } from '../wiring.ts';

export interface StatusOptions {
  from?: string;
  to?: string;
  hours: number;
  watchlist?: string;
  json?: boolean;
}

/**
 * `stockpipe status`: a grid of tickers × hours from the ledger (loaded, market closed, failed, gave up, missing),
 * the reasons of failures, and the backfills that would repair them; `--json`, one object per ticker-hour.
 */
export async function statusCommand(
  config: Config,
  options: StatusOptions,
  out: (text: string) => void,
  now = new Date(),
): Promise<number> {
  if ((options.from === undefined) !== (options.to === undefined)) {
    throw new ConfigError([
      '--from/--to: give both, or neither (then --hours, up to the last complete hour)',
    ]);
  }
  const last = lastCompleteHour(now);
  const range =
    options.from !== undefined && options.to !== undefined
      ? parseHourRange(options.from, options.to, now)
      : { from: new Date(last.getTime() - (options.hours - 1) * HOUR_MS), to: last };
  const hours = hoursBetween(range.from, range.to);
  const { warehouse, close } = await openWarehouseFor(config, commandLogger(config), { existing: true });
  try {
    const end = new Date(range.to.getTime() + HOUR_MS);
    const tickers = await tickersToShow(options.watchlist, config.watchlist, warehouse, {
      from: range.from,
      to: end,
    });
    const cells = statusCells(tickers, hours, await warehouse.ledger(tickers, range.from, end), (hour) =>
      isScheduledHour(hour, config.schedule),
    );
    if (options.json) {
      for (const cell of cells) out(`${JSON.stringify(cellJson(cell))}\n`);
    } else {
      out(
        `stockpipe status: ${hourLabel(range.from)} – ${hourLabel(range.to)}, ${count(hours.length, 'hour')} × ${count(tickers.length, 'ticker')}\n\n`,
      );
      const closed = closedDaysNote(hours);
      if (closed) out(`${closed}\n\n`);
      const elsewhere = await recordedElsewhere(warehouse, tickers, cells, range, options);
      if (elsewhere) out(`${elsewhere}\n\n`);
      out(renderStatus(tickers, hours, cells));
    }
    return 0;
  } finally {
    await close();
  }
}

/**
 * When nothing is recorded in the default hours but earlier hours are (the demo on a weekend loads the last hours
 * the market traded), where they are: a person who just loaded data should not read only "missing".
 */
async function recordedElsewhere(
  warehouse: { lastRecorded(tickers: readonly string[]): Promise<Date | null> },
  tickers: readonly string[],
  cells: readonly StatusCell[],
  range: HourRange,
  options: StatusOptions,
): Promise<string | undefined> {
  if (options.from !== undefined || !cells.every((c) => c.state === 'missing' || c.state === 'unscheduled'))
    return undefined;
  const last = tickers.length > 0 ? await warehouse.lastRecorded(tickers) : null;
  if (!last || last >= range.from) return undefined;
  const from = new Date(last.getTime() - (options.hours - 1) * HOUR_MS);
  return (
    `Nothing is recorded in these hours; the latest recorded hour is ${hourLabel(last)}: ` +
    `stockpipe status --from ${hourLabel(from)} --to ${hourLabel(last)}`
  );
}
