#!/usr/bin/env node
import { ConfigError } from '@stockpipe/shared';
import { Command, CommanderError } from 'commander';

import packageJson from '../package.json' with { type: 'json' };
import { commandContext } from './cli/command-context.ts';
import { processIo } from './cli/command-io.ts';
import { defineAnalyze } from './commands/analyze-definition.ts';
import { defineBackfill } from './commands/backfill-definition.ts';
import { defineCompliance } from './commands/compliance-definition.ts';
import { defineDashboard } from './commands/dashboard-definition.ts';
import { defineDemo } from './commands/demo-definition.ts';
import { defineDigest } from './commands/digest-definition.ts';
import { defineEvalSentiment } from './commands/eval-sentiment-definition.ts';
import { definePlan } from './commands/plan-definition.ts';
import { defineReplay } from './commands/replay-definition.ts';
import { defineRun } from './commands/run-definition.ts';
import { defineServe } from './commands/serve-definition.ts';
import { defineServeWarehouse } from './commands/serve-warehouse-definition.ts';
import { defineStatus } from './commands/status-definition.ts';
import { BusyError } from './errors.ts';
import { failureReason } from './failure-reason.ts';
import { printable } from './format/printable.ts';

// Each command defines its flags beside its constants; its code is imported only when it runs.
const COMMANDS = [
  defineRun,
  defineBackfill,
  defineReplay,
  defineCompliance,
  defineStatus,
  defineDigest,
  defineAnalyze,
  defineDemo,
  defineDashboard,
  defineEvalSentiment,
  definePlan,
  defineServe,
  defineServeWarehouse,
];

/** Exit codes: 0 all loaded · 1 the run or some tickers failed · 2 bad configuration or usage. */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  let exitCode = 0;
  const context = commandContext(env, processIo(), (code) => {
    exitCode = code;
  });
  const program = new Command('stockpipe')
    .description('Hourly pipeline: popular X posts about a company next to its stock price, into PostgreSQL.')
    .version(packageJson.version)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .showHelpAfterError('(stockpipe --help for usage)');
  for (const define of COMMANDS) define(program, context);

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
      `stockpipe: ${debug && error instanceof Error ? (error.stack ?? error.message) : printable(failureReason(error))}\n`,
    );
    return 1;
  }
}

/** This process as the `stockpipe` command: its arguments, environment and exit code. */
export async function runAsCommand(): Promise<void> {
  // Output piped into `head` and the like: when the reader has had enough, stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), process.env);
}

// Run directly (and as the bundle's entry); bin/stockpipe.js, which checks Node's version first, calls it itself.
if (import.meta.main) await runAsCommand();
