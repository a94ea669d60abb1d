import type { Command } from 'commander';
import { CONFIRM_ABOVE_USD, LARGE_BACKFILL } from '../backfill/confirm.ts';
import type { CommandContext } from '../cli/command-context.ts';
import { FROM_HELP, TO_HELP, WATCHLIST_HELP } from '../cli/flags.ts';
import { GIVE_UP_AFTER } from '../run/catch-up-plan.ts';

export function defineBackfill(program: Command, context: CommandContext): void {
  program
    .command('backfill')
    .description(
      'load the ticker-hours of a range that are not loaded yet: from staged bodies when kept, from X and Yahoo otherwise',
    )
    .requiredOption('--from <iso>', FROM_HELP)
    .requiredOption('--to <iso>', TO_HELP)
    .option('--watchlist <list>', WATCHLIST_HELP)
    .option(
      '--retry-failed',
      `retry ticker-hours that failed ${GIVE_UP_AFTER} times in a row (catch-up leaves them alone)`,
    )
    .option(
      '--force',
      'redo ticker-hours that are loaded already, sample rows by live ones with STOCKPIPE_SOURCE=live (staged bodies are read, not fetched again)',
    )
    .option('--dry-run', 'print the plan and its X cost, and stop there: no request at all')
    .option(
      '--yes',
      `spend without asking (needed off a terminal when X may cost over $${CONFIRM_ABOVE_USD}, or past ${LARGE_BACKFILL.toLocaleString('en-US')} ticker-hours)`,
    )
    .action(async (options) => {
      const { backfillCommand } = await import('./backfill-command.ts');
      context.exit(await backfillCommand(context.config(), options, context.io));
    });
}
