import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { portNumber } from '../cli/flags.ts';
import { WAREHOUSE_PORT } from './serve-warehouse-definition.ts';

/** The port of serve's pages unless told (the Dockerfile's EXPOSE says it too). */
const PAGES_PORT = 8484;

export function defineServe(program: Command, context: CommandContext): void {
  program
    .command('serve')
    .description(
      'run the job on STOCKPIPE_SCHEDULE and the daily work, serve the warehouse to PostgreSQL clients and the dashboard, status, /healthz and /metrics on 127.0.0.1',
    )
    .option('--port <n>', 'the port of the pages', portNumber, PAGES_PORT)
    .option(
      '--warehouse-port <n>',
      'the PostgreSQL port of the embedded warehouse',
      portNumber,
      WAREHOUSE_PORT,
    )
    .option('--no-warehouse', 'do not serve the embedded warehouse to other processes')
    .option(
      '--host <address>',
      'where both servers listen: 127.0.0.1, or 0.0.0.0 inside a container that publishes the ports',
      '127.0.0.1',
    )
    // Tests drive a real serve through hours in seconds: the time is read from this file.
    .addOption(new Option('--clock-file <path>').hideHelp())
    .action(async (options) => {
      const { serveCommand } = await import('./serve-command.ts');
      const clockFile = options.clockFile ? context.fromUser(options.clockFile) : undefined;
      context.exit(await serveCommand(context.config(), { ...options, clockFile }, context.io.out));
    });
}
