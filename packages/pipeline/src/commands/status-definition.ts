import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { reportHours } from '../cli/flags.ts';

export function defineStatus(program: Command, context: CommandContext): void {
  program
    .command('status')
    .description(
      'a grid of tickers × hours from the ledger: loaded, failed and why, missing; and how to repair',
    )
    .option('--from <iso>', 'the first UTC hour (with --to)')
    .option('--to <iso>', 'the last UTC hour, included (with --from)')
    // Given with --from/--to, one of them would be ignored without a word: refuse the pair instead.
    .addOption(
      new Option('--hours <n>', 'the last N complete hours (without --from/--to)')
        .argParser(reportHours)
        .default(24)
        .conflicts(['from', 'to']),
    )
    .option(
      '--watchlist <list>',
      'tickers to show (default: STOCKPIPE_WATCHLIST and any with rows in the period)',
    )
    .option('--json', 'one JSON object per ticker-hour')
    .action(async (options) => {
      const { statusCommand } = await import('./status-command.ts');
      context.exit(await statusCommand(context.config(), options, context.io.out));
    });
}
