import { type Config, ConfigError } from '@stockpipe/shared';
import type { AnalysisHour } from '../analysis/analysis-hour.ts';
import { concludeRun } from '../analysis/analyze-run.ts';
import { type TickerTests, testTicker } from '../analysis/analyze-ticker.ts';
import { hourlyReturnRows } from '../analysis/hourly-returns.ts';
import { verdictTable } from '../analysis/verdict-words.ts';
import { commandLogger } from '../log.ts';
import { tickersToShow } from '../status/tickers-to-show.ts';
import { LATE_AFTER_HOURS } from '../stores/pg-lead-lag.ts';
import { HOUR_MS, hourLabel, lastCompleteHour, parseHour } from '../time/hours.ts';
import { openWarehouseFor } from '../wiring.ts';

export interface AnalyzeOptions {
  from?: string;
  to?: string;
  watchlist?: string;
  maxLag: number;
  minScored: number;
  includeLate?: boolean;
  json?: boolean;
  save?: boolean;
}

/**
 * `stockpipe analyze`: per ticker, whether what is said on X leads, moves with, or follows the stock's hourly
 * returns, from the warehouse alone. It reads and tests one ticker at a time (memory follows the longest series,
 * not the watchlist), keeping only each ticker's p-values; then corrects them all together and gives each ticker
 * its verdict. `--save` keeps the results and the aligned series for BI tools and the dashboard. A reader: it never
 * writes the hourly tables. Exit 0.
 */
export async function analyzeCommand(
  config: Config,
  options: AnalyzeOptions,
  out: (text: string) => void,
  now = new Date(),
): Promise<number> {
  const { warehouse, close } = await openWarehouseFor(config, commandLogger(config));
  try {
    const last = lastCompleteHour(now);
    const to = options.to === undefined ? last : parseHour(options.to, now, '--to');
    // The benchmark stands for the market: it is what the others are measured against, unless asked for by name.
    const shown = await tickersToShow(options.watchlist, config.watchlist, warehouse, {
      from: new Date(0),
      to: new Date(to.getTime() + HOUR_MS),
    });
    const tickers =
      options.watchlist === undefined ? shown.filter((ticker) => ticker !== config.benchmark) : shown;
    // Without --from, every hour the warehouse holds for these tickers.
    const from =
      options.from === undefined
        ? ((await warehouse.leadLag.firstHour(tickers)) ?? to)
        : parseHour(options.from, now, '--from');
    if (from > to)
      throw new ConfigError([
        `--from: ${hourLabel(from)} is after --to ${hourLabel(to)}; expected an earlier hour`,
      ]);
    const end = new Date(to.getTime() + HOUR_MS);
    const settings = {
      maxLag: options.maxLag,
      minScored: options.minScored,
      includeLate: options.includeLate ?? false,
    };
    const benchmark = config.benchmark
      ? await warehouse.leadLag.hours(config.benchmark, from, end)
      : undefined;
    const tests: TickerTests[] = [];
    const lateHours = new Map<string, number>();
    for (const ticker of tickers) {
      const hours: AnalysisHour[] = await warehouse.leadLag.hours(ticker, from, end);
      lateHours.set(ticker, hours.filter((hour) => hour.late).length);
      tests.push(testTicker(ticker, hours, settings, ticker === config.benchmark ? undefined : benchmark));
      if (options.save)
        await warehouse.leadLag.saveSeries(ticker, from, end, hourlyReturnRows(ticker, hours, settings));
    }
    const concluded = concludeRun(tests);
    const run = {
      ...concluded,
      tickers: concluded.tickers.map((t) => ({ ...t, lateHours: lateHours.get(t.ticker) ?? 0 })),
    };
    if (options.save) await warehouse.leadLag.saveResults({ from, to: end }, run.comparisons, run.tickers);
    const range = { from: hourLabel(from), to: hourLabel(to) };
    if (options.json) out(`${JSON.stringify({ ...run, range, settings })}\n`);
    else {
      out(verdictTable(run, range));
      const late = [...lateHours.values()].reduce((sum, n) => sum + n, 0);
      if (late > 0 && !settings.includeLate)
        out(
          `${late} loaded hours were first loaded more than ${LATE_AFTER_HOURS} hours after they ended (a backfill sees later engagement): left out; --include-late keeps them.\n`,
        );
      if (config.source === 'sample')
        out(
          "Sample data: its posts lean with each hour's price move by design, so these verdicts show the method, not a market.\n",
        );
      if (options.save)
        out('Saved: stock_lead_lag (bi_lead_lag) and stock_hourly_returns (bi_hourly_returns).\n');
    }
    return 0;
  } finally {
    await close();
  }
}
