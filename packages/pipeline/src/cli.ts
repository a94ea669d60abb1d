#!/usr/bin/env node
import { resolve } from 'node:path';
import { ConfigError, DEMO_WATCHLIST, parseConfig } from '@stockpipe/shared';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

import packageJson from '../package.json' with { type: 'json' };
import { BusyError } from './errors.ts';
import { failureReason } from './failure-reason.ts';

/** Exit codes: 0 all loaded · 1 the run or some tickers failed · 2 bad configuration or usage. */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  let exitCode = 0;
  // `pnpm stockpipe` runs in the repository root; pnpm says where the user was in INIT_CWD. Paths a user gives
  // (STOCKPIPE_DATA_DIR, --out, an eval file) are taken from there; the default data dir stays at the root.
  const userDir = env.INIT_CWD ?? process.cwd();
  const fromUser = (path: string) => resolve(userDir, path);
  const config = () =>
    parseConfig(
      env.STOCKPIPE_DATA_DIR?.trim()
        ? { ...env, STOCKPIPE_DATA_DIR: fromUser(env.STOCKPIPE_DATA_DIR.trim()) }
        : env,
    );
  const program = new Command('stockpipe')
    .description('Hourly pipeline: popular X posts about a company next to its stock price, into PostgreSQL.')
    .version(packageJson.version)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .showHelpAfterError('(stockpipe --help for usage)');

  program
    .command('run')
    .description('process one logical hour for every ticker on the watchlist')
    .option(
      '--hour <iso>',
      'the UTC hour to process, e.g. 2024-12-07T21:00Z (default: the last complete hour)',
    )
    .option(
      '--watchlist <list>',
      'TICKER:query pairs, e.g. AMZN:#Amazon,MSFT:#Microsoft (default: STOCKPIPE_WATCHLIST)',
    )
    .option(
      '--no-catch-up',
      'process the hour alone, without healing failed or missing ticker-hours before it (STOCKPIPE_CATCHUP_HOURS)',
    )
    .action(async (options) => {
      const { runCommand } = await import('./commands/run-command.ts');
      exitCode = await runCommand(config(), options);
    });

  program
    .command('backfill')
    .description(
      'load the ticker-hours of a range that are not loaded yet: from staged bodies when kept, from X and Yahoo otherwise',
    )
    .requiredOption('--from <iso>', 'the first UTC hour, e.g. 2024-12-01T00:00Z')
    .requiredOption('--to <iso>', 'the last UTC hour (included)')
    .option('--watchlist <list>', 'TICKER:query pairs (default: STOCKPIPE_WATCHLIST)')
    .option('--retry-failed', 'retry ticker-hours that failed 3 times in a row (catch-up leaves them alone)')
    .option(
      '--force',
      'redo ticker-hours that are loaded already (staged bodies are read, not fetched again)',
    )
    .option('--dry-run', 'print the plan and its X cost, and stop there: no request at all')
    .option(
      '--yes',
      `spend without asking (needed off a terminal when X may cost over $1, or past 10,000 ticker-hours)`,
    )
    .action(async (options) => {
      const { backfillCommand, askOnTerminal } = await import('./commands/backfill-command.ts');
      const terminal = process.stderr.isTTY && process.stdin.isTTY ? process.stderr : null;
      exitCode = await backfillCommand(config(), options, {
        out: (text) => process.stdout.write(text),
        terminal,
        ask: askOnTerminal,
      });
    });

  program
    .command('replay')
    .description(
      'rebuild the rows of a range from the raw store alone (no X or Yahoo request), with the configured scorer',
    )
    .requiredOption('--from <iso>', 'the first UTC hour, e.g. 2024-12-01T00:00Z')
    .requiredOption('--to <iso>', 'the last UTC hour (included)')
    .option('--watchlist <list>', 'TICKER:query pairs (default: STOCKPIPE_WATCHLIST)')
    .action(async (options) => {
      const { replayCommand } = await import('./commands/replay-command.ts');
      exitCode = await replayCommand(config(), options, {
        out: (text) => process.stdout.write(text),
        terminal: process.stderr.isTTY ? process.stderr : null,
      });
    });

  program
    .command('compliance')
    .description(
      'keep the stores in line with X: expire what outlived its retention, then remove every stored post X says must go (deleted, protected, suspended …) from the raw bodies, top posts and post documents',
    )
    .option('--days <n>', 'check the posts of the last N days only (default: every post stored)', days)
    .option('--dry-run', 'ask X and list what would be removed and expired, changing nothing')
    .action(async (options) => {
      const { complianceCommand } = await import('./commands/compliance-command.ts');
      exitCode = await complianceCommand(config(), options, (text) => process.stdout.write(text));
    });

  program
    .command('status')
    .description(
      'a grid of tickers × hours from the ledger: loaded, failed and why, missing; and how to repair',
    )
    .option('--from <iso>', 'the first UTC hour (with --to)')
    .option('--to <iso>', 'the last UTC hour, included (with --from)')
    // Given with --from/--to, one of them would be ignored without a word: refuse the pair instead.
    .addOption(
      new Option('--hours <n>', 'the last N complete hours (without --from/--to)')
        .argParser(positiveInt)
        .default(24)
        .conflicts(['from', 'to']),
    )
    .option(
      '--watchlist <list>',
      'tickers to show (default: STOCKPIPE_WATCHLIST and any with rows in the period)',
    )
    .option('--json', 'one JSON object per ticker-hour')
    .action(async (options) => {
      const { statusCommand } = await import('./commands/status-command.ts');
      exitCode = await statusCommand(config(), options, (text) => process.stdout.write(text));
    });

  program
    .command('digest')
    .description(
      'a day in one message: hours loaded, failed and missing, sentiment and price per ticker, the biggest moves',
    )
    .option('--day <YYYY-MM-DD>', 'the UTC day (default: yesterday)')
    .option('--watchlist <list>', 'tickers (default: STOCKPIPE_WATCHLIST and any with rows that day)')
    .action(async (options) => {
      const { digestCommand } = await import('./commands/digest-command.ts');
      exitCode = await digestCommand(config(), options, (text) => process.stdout.write(text));
    });

  program
    .command('demo')
    .description('run the last hours for five companies on embedded defaults and print a table per ticker')
    .option('--hours <n>', 'how many recent hours', positiveInt, 24)
    .option('--watchlist <list>', 'TICKER:query pairs', DEMO_WATCHLIST)
    .option('--until <iso>', 'the last UTC hour to show (default: the last complete hour)')
    .action(async (options) => {
      const { demoCommand } = await import('./commands/demo-command.ts');
      exitCode = await demoCommand(config(), options, (text) => process.stdout.write(text));
    });

  program
    .command('dashboard')
    .description('write one self-contained HTML page of hourly price against sentiment, from the warehouse')
    .option('--out <file>', 'where to write it (default: <data dir>/dashboard.html)')
    .option('--hours <n>', 'how many recent hours', positiveInt, 24)
    .option('--until <iso>', 'the last UTC hour to show (default: the last complete hour)')
    .option(
      '--watchlist <list>',
      'TICKER:query pairs to show (default: every ticker with rows in the period)',
    )
    .action(async (options) => {
      const { dashboardCommand } = await import('./commands/dashboard-command.ts');
      exitCode = await dashboardCommand(
        config(),
        { ...options, ...(options.out?.trim() ? { out: fromUser(options.out) } : {}) },
        (text) => process.stdout.write(text),
      );
    });

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
      const { evalSentimentCommand } = await import('./commands/eval-sentiment-command.ts');
      exitCode = await evalSentimentCommand(config(), file, { ...options, cwd: userDir }, (text) =>
        process.stdout.write(text),
      );
    });

  program
    .command('plan')
    .description(
      'print what a month of this configuration costs, itemised: X posts, Comprehend, the AWS stack',
    )
    .action(async () => {
      const { planCommand } = await import('./commands/plan-command.ts');
      exitCode = planCommand(config(), (text) => process.stdout.write(text));
    });

  program
    .command('serve-warehouse')
    .description(
      'serve the embedded warehouse on a loopback port, for psql, Power BI or any PostgreSQL client',
    )
    .option('--port <n>', 'the port', portNumber, 5433)
    .action(async (options) => {
      const { serveWarehouseCommand } = await import('./commands/serve-warehouse-command.ts');
      exitCode = await serveWarehouseCommand(config(), options, (text) => process.stdout.write(text));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      process.stderr.write(`stockpipe: ${error.message}\n`);
      return 2;
    }
    if (error instanceof BusyError) {
      process.stderr.write(`stockpipe: ${error.message}\n`);
      return 1;
    }
    // One line a person can act on (the system error under it included); the stack only when asked for.
    const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
    process.stderr.write(
      `stockpipe: ${debug && error instanceof Error ? (error.stack ?? error.message) : failureReason(error)}\n`,
    );
    return 1;
  }
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > 65535)
    throw new InvalidArgumentError('expected a port from 1024 to 65535');
  return n;
}

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650)
    throw new InvalidArgumentError('expected whole days from 1 to 3650');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 24 * 30)
    throw new InvalidArgumentError('expected a whole number of hours from 1 to 720');
  return n;
}

if (import.meta.main) {
  // Output piped into `head` and the like: when the reader has had enough, stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), process.env);
}
