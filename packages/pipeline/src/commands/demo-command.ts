import { join, resolve } from 'node:path';
import { type Config, lastTradingHour } from '@stockpipe/shared';
import { searchedWatchlistOf } from '../cli/flags.ts';
import { hourRunId } from '../cli/run-id.ts';
import { count } from '../format/count.ts';
import { createLogger, readableDestination } from '../log.ts';
import { ConsoleNotifier } from '../notify/console-notifier.ts';
import { RANGES } from '../report/dashboard-range.ts';
import { formatHourTable } from '../report/hour-table.ts';
import { writeDashboard } from '../report/write-dashboard.ts';
import { runHour } from '../run.ts';
import { stopAsked } from '../stop-signal.ts';
import { HOUR_MS, hourKey, hourLabel, hoursUpTo, recentHours } from '../time/hours.ts';
import { openPipeline, type Pipeline } from '../wiring.ts';

export interface DemoOptions {
  hours: number;
  watchlist?: string;
  /** The last hour to show (default: the last complete hour, or the last traded one when the market is shut). */
  until?: string;
}

/**
 * The demo's hours: the `count` up to `until` when it is given, as asked; otherwise the last `count` complete
 * hours, unless the market traded in none of them (a weekend), then the `count` up to the last hour it traded,
 * which `tradedUntil` names, so that the demo shows prices rather than a day of closed hours.
 */
export function demoHours(
  until: string | undefined,
  count: number,
  now: Date,
): { hours: Date[]; tradedUntil?: Date } {
  const hours = hoursUpTo(until, count, now);
  const first = hours[0];
  const last = hours.at(-1);
  if (until !== undefined || !first || !last) return { hours };
  const traded = lastTradingHour(last);
  if (traded.getTime() >= first.getTime()) return { hours };
  return { hours: recentHours(new Date(traded.getTime() + HOUR_MS), count), tradedUntil: traded };
}

/**
 * `pnpm demo`: the real pipeline over the last N hours for five companies, on embedded defaults, then a table
 * per ticker. Runs converge: a second demo leaves the same rows.
 */
export async function demoCommand(
  config: Config,
  options: DemoOptions,
  out: (text: string) => void,
  now = new Date(),
): Promise<number> {
  const watchlist = searchedWatchlistOf(options.watchlist, config);
  const { hours, tradedUntil } = demoHours(options.until, options.hours, now);
  const logger = createLogger(config.logLevel ?? 'warn', {
    destination: process.stderr.isTTY ? await readableDestination() : undefined,
  });
  const notifier = new ConsoleNotifier((text) => logger.debug({ stage: 'notify' }, text));
  const started = performance.now();
  // Opened first: a bad data dir or region is said alone, before the demo says anything of its own.
  const pipeline = await openPipeline(config, logger, { notifier });
  // Ctrl-C ends the demo between hours: the hour in hand loads (one transaction), the next is not begun. Taken
  // before the banner: a Ctrl-C sent as soon as the banner shows must find the handler in place.
  const stop = stopAsked();
  out(
    `stockpipe demo: ${count(hours.length, 'hour')} × ${count(watchlist.length, 'ticker')}, ${config.source} data, ` +
      `warehouse ${warehouseWords(pipeline.warehouseAt, config.dataDir)}\n`,
  );
  if (tradedUntil) {
    out(
      `The US market was closed in all of the last ${hours.length} hours (night, weekend or holiday in New York): ` +
        `showing the ${hours.length} hours up to ${hourKey(tradedUntil).replace('T', ' ')}:00 UTC, the last it traded. ` +
        'Choose others with --until.\n',
    );
  }
  let failed = 0;
  let done = 0;
  try {
    for (const hourStart of hours) {
      if (stop()) break;
      done += 1;
      const report = await runHour(pipeline.deps, { runId: hourRunId(hourStart), hourStart, watchlist });
      const problems = report.tickers.filter((t) => t.status === 'failed');
      failed += problems.length;
      for (const t of problems)
        out(`  ${hourKey(hourStart)} ${t.ticker} failed at ${t.stage}: ${t.reason}\n`);
    }
    if (done < hours.length) {
      out(
        `\nstockpipe demo stopped after ${done} of ${count(hours.length, 'hour')}, as asked. ` +
          'Run it again to finish: the hours loaded stay, and a rerun leaves the same rows.\n',
      );
      return 130;
    }
    const first = hours[0] as Date;
    const rows = await pipeline.warehouse.rows(
      watchlist.map((w) => w.ticker),
      first,
      new Date(first.getTime() + hours.length * HOUR_MS),
    );
    for (const { ticker } of watchlist) {
      out(
        `\n${formatHourTable(
          ticker,
          rows.filter((r) => r.ticker === ticker),
        )}\n`,
      );
    }
    const dashboard = await writeDashboard(pipeline.warehouse, {
      hours,
      tickers: watchlist.map((w) => w.ticker),
      path: join(config.dataDir, 'dashboard.html'),
      now,
      range: hours.length === RANGES['24h'] ? '24h' : null,
    });
    out(`\nDashboard of price against sentiment: ${dashboard}\n`);
    if (rows.length > 0 && rows.every((r) => r.marketClosed)) {
      out(
        '\nThe US market was closed in every one of these hours (night or weekend in New York): no prices.\n',
      );
      out(`To see trading hours as well: pnpm demo --until ${hourLabel(lastTradingHour(first))}\n`);
    }
  } finally {
    await pipeline.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(
    `\n${hours.length * watchlist.length - failed} ticker-hours loaded in ${seconds} s${failed ? `, ${failed} failed` : ''}.\n`,
  );
  return failed === 0 ? 0 : 1;
}

/** Where the demo's rows go, as its banner says it. */
function warehouseWords(at: Pipeline['warehouseAt'], dataDir: string): string {
  if (at.kind === 'server') return 'at DATABASE_URL';
  if (at.kind === 'served') return `served at ${at.url} by another stockpipe process`;
  return `embedded in ${resolve(dataDir, 'warehouse')}`;
}
