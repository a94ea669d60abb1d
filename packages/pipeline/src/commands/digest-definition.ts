import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';

export function defineDigest(program: Command, context: CommandContext): void {
  program
    .command('digest')
    .description(
      'a day in one message: hours loaded, failed and missing, sentiment and price per ticker, the biggest moves',
    )
    .option('--day <YYYY-MM-DD>', 'the UTC day (default: yesterday)')
    .option('--watchlist <list>', 'tickers (default: STOCKPIPE_WATCHLIST and any with rows that day)')
    .action(async (options) => {
      const { digestCommand } = await import('./digest-command.ts');
      context.exit(await digestCommand(context.config(), options, context.io.out));
    });
}
