import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { HOUR_HELP, WATCHLIST_HELP } from '../cli/flags.ts';

export function defineRun(program: Command, context: CommandContext): void {
  program
    .command('run')
    .description('process one logical hour for every ticker on the watchlist')
    .option('--hour <iso>', HOUR_HELP)
    .option('--watchlist <list>', WATCHLIST_HELP)
    .option(
      '--no-catch-up',
      'process the hour alone, without healing failed or missing ticker-hours before it (STOCKPIPE_CATCHUP_HOURS)',
    )
    .option(
      '--force',
      'with STOCKPIPE_SOURCE=live, replace sample rows of the hour with live ones (refused without)',
    )
    .action(async (options) => {
      const { runCommand } = await import('./run-command.ts');
      context.exit(await runCommand(context.config(), options));
    });
}
