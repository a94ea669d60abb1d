import type { Config } from '@stockpipe/shared';
import { verdictTable } from '../analysis/verdict-words.ts';
import { runAnalysis } from '../analyze-job.ts';
import { commandLogger } from '../log.ts';
import { LATE_AFTER_HOURS } from '../stores/pg-lead-lag.ts';
import { hourLabel, lastCompleteHour, parseHour } from '../time/hours.ts';
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
  const settings = {
    maxLag: options.maxLag,
    minScored: options.minScored,
    includeLate: options.includeLate ?? false,
  };
  const to = options.to === undefined ? lastCompleteHour(now) : parseHour(options.to, now, '--to');
  const from = options.from === undefined ? undefined : parseHour(options.from, now, '--from');
  const { warehouse, close } = await openWarehouseFor(config, commandLogger(config), { existing: true });
  try {
    const run = await runAnalysis(config, warehouse, {
      from,
      to,
      watchlist: options.watchlist,
      settings,
      save: options.save ?? false,
    });
    const range = { from: hourLabel(run.range.from), to: hourLabel(run.range.to) };
    if (options.json) out(`${JSON.stringify({ ...run, range, settings })}\n`);
    else {
      out(verdictTable(run, range));
      const late = run.tickers.reduce((sum, t) => sum + t.lateHours, 0);
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
