import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { reportHours } from '../cli/flags.ts';

export function defineDashboard(program: Command, context: CommandContext): void {
  program
    .command('dashboard')
    .description('write one self-contained HTML page of hourly price against sentiment, from the warehouse')
    .option('--out <file>', 'where to write it (default: <data dir>/dashboard.html)')
    .option('--hours <n>', 'how many recent hours', reportHours, 24)
    .option('--until <iso>', 'the last UTC hour to show (default: the last complete hour)')
    .option(
      '--watchlist <list>',
      'TICKER:query pairs to show (default: every ticker with rows in the period)',
    )
    .action(async (options) => {
      const { dashboardCommand } = await import('./dashboard-command.ts');
      const out = options.out?.trim() ? { out: context.fromUser(options.out) } : {};
      context.exit(await dashboardCommand(context.config(), { ...options, ...out }, context.io.out));
    });
}
