import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { wholeDays } from '../cli/flags.ts';

export function defineCompliance(program: Command, context: CommandContext): void {
  program
    .command('compliance')
    .description(
      'keep the stores in line with X: expire what outlived its retention, then remove every stored post X says must go (deleted, protected, suspended …) from the raw bodies, top posts and post documents',
    )
    .option('--days <n>', 'check the posts of the last N days only (default: every post stored)', wholeDays)
    .option('--dry-run', 'ask X and list what would be removed and expired, changing nothing')
    .action(async (options) => {
      const { complianceCommand } = await import('./compliance-command.ts');
      context.exit(await complianceCommand(context.config(), options, context.io.out));
    });
}
