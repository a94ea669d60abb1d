import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { reportHours, WATCHLIST_HELP } from '../cli/flags.ts';

export function defineDemo(program: Command, context: CommandContext): void {
  program
    .command('demo')
    .description('run the last hours for the watchlist on embedded defaults and print a table per ticker')
    .option('--hours <n>', 'how many recent hours', reportHours, 24)
    .option('--watchlist <list>', WATCHLIST_HELP)
    .option('--until <iso>', 'the last UTC hour to show (default: the last complete hour)')
    .action(async (options) => {
      const { demoCommand } = await import('./demo-command.ts');
      context.exit(await demoCommand(context.config(), options, context.io.out));
    });
}
