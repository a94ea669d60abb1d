import { type Config, ConfigError } from '@stockpipe/shared';
import type { AnalysisOptions } from './analysis/analysis-hour.ts';
import { concludeRun, type RunAnalysis, type TickerAnalysis } from './analysis/analyze-run.ts';
import { type TickerTests, testTicker } from './analysis/analyze-ticker.ts';
import { hourlyReturnRows } from './analysis/hourly-returns.ts';
import { readAhead } from './run/batch-loop.ts';
import { tickersToShow } from './status/tickers-to-show.ts';
import type { PgWarehouse } from './stores/pg-warehouse.ts';
import { HOUR_MS, hourLabel } from './time/hours.ts';

export interface AnalyzeRequest {
  /** The first hour; none: the first the warehouse holds for the tickers. */
  from?: Date;
  /** The last hour, included. */
  to: Date;
  /** `--watchlist` as typed; none: the configured watchlist and every ticker with rows, the benchmark aside. */
  watchlist?: string;
  settings: Pick<AnalysisOptions, 'maxLag' | 'minScored' | 'includeLate'>;
  save: boolean;
}

export interface AnalyzeResult extends RunAnalysis {
  tickers: (TickerAnalysis & { lateHours: number })[];
  range: { from: Date; to: Date };
}

/**
 * The analysis as `stockpipe analyze` and serve's daily refresh run it: one ticker at a time from the warehouse
 * (the next one's hours read while this one is tested, its series saved meanwhile, so at most two tickers' hours are
 * in memory), then every test of the run corrected together; with `save`, the results replace the saved ones.
 */
export async function runAnalysis(
  config: Config,
  warehouse: PgWarehouse,
  request: AnalyzeRequest,
): Promise<AnalyzeResult> {
  const { to, settings } = request;
  const end = new Date(to.getTime() + HOUR_MS);
  // The benchmark stands for the market: it is what the others are measured against, unless asked for by name.
  const shown = await tickersToShow(request.watchlist, config.watchlist, warehouse, {
    from: new Date(0),
    to: end,
  });
  const tickers = request.watchlist === undefined ? shown.filter((t) => t !== config.benchmark) : shown;
  const from = request.from ?? (await warehouse.leadLag.firstHour(tickers)) ?? to;
  if (from > to) {
    throw new ConfigError([
      request.from
        ? `--from: ${hourLabel(from)} is after --to ${hourLabel(to)}; expected an earlier hour`
        : `--to: ${hourLabel(to)} is before ${hourLabel(from)}, the first hour the warehouse holds for these tickers`,
    ]);
  }
  const { leadLag } = warehouse;
  const benchmark = config.benchmark ? await leadLag.hours(config.benchmark, from, end) : undefined;
  const tests: TickerTests[] = [];
  const lateHours = new Map<string, number>();
  const read = readAhead(
    (async function* () {
      for (const ticker of tickers) yield { ticker, hours: await leadLag.hours(ticker, from, end) };
    })(),
  );
  // One ticker's series is saved while the next is read and tested; a failed save ends the run at the next await.
  let saving: Promise<void> = Promise.resolve();
  try {
    for await (const { ticker, hours } of read) {
      lateHours.set(ticker, hours.filter((hour) => hour.late).length);
      tests.push(testTicker(ticker, hours, settings, ticker === config.benchmark ? undefined : benchmark));
      if (request.save) {
        const rows = hourlyReturnRows(ticker, hours, settings);
        await saving;
        saving = leadLag.saveSeries(ticker, from, end, rows);
        saving.catch(() => undefined);
      }
    }
    await saving;
  } finally {
    await saving.catch(() => undefined);
  }
  const run = concludeRun(tests);
  const result = {
    ...run,
    tickers: run.tickers.map((t) => ({ ...t, lateHours: lateHours.get(t.ticker) ?? 0 })),
    range: { from, to },
  };
  if (request.save) await leadLag.saveResults({ from, to }, run.comparisons, result.tickers);
  return result;
}
