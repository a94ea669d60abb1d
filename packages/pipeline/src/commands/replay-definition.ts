import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { FROM_HELP, TO_HELP, WATCHLIST_HELP } from '../cli/flags.ts';

export function defineReplay(program: Command, context: CommandContext): void {
  program
    .command('replay')
    .description(
      'rebuild the rows of a range from the raw store alone (no X or Yahoo request), with the configured scorer',
    )
    .requiredOption('--from <iso>', FROM_HELP)
    .requiredOption('--to <iso>', TO_HELP)
    .option('--watchlist <list>', WATCHLIST_HELP)
    .action(async (options) => {
      const { replayCommand } = await import('./replay-command.ts');
      context.exit(await replayCommand(context.config(), options, context.io));
    });
}
