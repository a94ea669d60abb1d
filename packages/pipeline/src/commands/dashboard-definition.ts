import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { reportHours } from '../cli/flags.ts';
import { RANGE_NAMES } from '../report/dashboard-range.ts';

export function defineDashboard(program: Command, context: CommandContext): void {
  program
    .command('dashboard')
    .description('write one self-contained HTML page of price against sentiment, from the warehouse')
    .option('--out <file>', 'where to write it (default: <data dir>/dashboard.html)')
    .addOption(
      new Option('--range <range>', 'the period: 24h, week, month, or all the warehouse holds (default: 24h)')
        .choices(RANGE_NAMES)
        .conflicts('hours'),
    )
    .option('--hours <n>', 'how many recent hours, instead of a --range', reportHours)
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
