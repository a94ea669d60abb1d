import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';

export function definePlan(program: Command, context: CommandContext): void {
  program
    .command('plan')
    .description(
      'print what a month of this configuration costs, itemised: X posts, Comprehend, the AWS stack',
    )
    .action(async () => {
      const { planCommand } = await import('./plan-command.ts');
      context.exit(planCommand(context.config(), context.io.out));
    });
}
