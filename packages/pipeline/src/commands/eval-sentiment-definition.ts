import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';

export function defineEvalSentiment(program: Command, context: CommandContext): void {
  program
    .command('eval-sentiment')
    .description(
      'score a labelled CSV (text,label) with the configured scorer; print accuracy, F1 and the confusion matrix',
    )
    .argument(
      '<file>',
      'CSV with a text and a label column; labels 0/1/2 as in the training data, negative/positive/neutral, ' +
        'or bearish (= negative) / bullish (= positive); a relative path is from the current directory',
    )
    .option('--json', 'print the figures as one JSON object')
    .action(async (file, options) => {
      const { evalSentimentCommand } = await import('./eval-sentiment-command.ts');
      context.exit(
        await evalSentimentCommand(
          context.config(),
          file,
          { ...options, cwd: context.userDir },
          context.io.out,
        ),
      );
    });
}
