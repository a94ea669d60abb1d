import type { Command } from 'commander';
import { DEFAULT_ANALYSIS_OPTIONS } from '../analysis/analysis-hour.ts';
import type { CommandContext } from '../cli/command-context.ts';
import { FROM_HELP, TO_HELP, wholeBetween } from '../cli/flags.ts';

export function defineAnalyze(program: Command, context: CommandContext): void {
  program
    .command('analyze')
    .description(
      'does sentiment lead, move with, or follow the returns? per ticker, from the warehouse: cross-correlation, Granger tests both ways, the overnight gap, post-volume events, corrected together',
    )
    .option('--from <iso>', `${FROM_HELP} (default: the first hour the warehouse holds)`)
    .option('--to <iso>', `${TO_HELP} (default: the last complete hour)`)
    .option(
      '--watchlist <list>',
      'tickers to analyse (default: STOCKPIPE_WATCHLIST and any with rows in the range)',
    )
    .option(
      '--max-lag <n>',
      'the largest lag, in traded hours, of the correlogram and the Granger order search',
      wholeBetween(1, 12),
      DEFAULT_ANALYSIS_OPTIONS.maxLag,
    )
    .option(
      '--min-scored <n>',
      "an hour's sentiment counts only when at least this many posts were scored",
      wholeBetween(1, 100),
      DEFAULT_ANALYSIS_OPTIONS.minScored,
    )
    .option(
      '--include-late',
      'keep hours first loaded long after they ended (a backfill saw later engagement)',
    )
    .option('--json', 'print the results as one JSON object')
    .option(
      '--save',
      'keep the results (stock_lead_lag, bi_lead_lag) and the aligned series (bi_hourly_returns)',
    )
    .action(async (options) => {
      const { analyzeCommand } = await import('./analyze-command.ts');
      context.exit(await analyzeCommand(context.config(), options, context.io.out));
    });
}
