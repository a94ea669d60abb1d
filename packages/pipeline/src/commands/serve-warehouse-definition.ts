import type { Command } from 'commander';
import type { CommandContext } from '../cli/command-context.ts';
import { portNumber, wholeSeconds } from '../cli/flags.ts';

/** The port `serve-warehouse` takes unless told: next to PostgreSQL's own 5432. */
export const WAREHOUSE_PORT = 5433;

export function defineServeWarehouse(program: Command, context: CommandContext): void {
  program
    .command('serve-warehouse')
    .description(
      'serve the embedded warehouse on a loopback port, for psql, Power BI or any PostgreSQL client',
    )
    .option('--port <n>', 'the port', portNumber, WAREHOUSE_PORT)
    .option(
      '--idle-in-transaction <seconds>',
      'end a client idle in a transaction this long (its transaction rolls back), default 30',
      wholeSeconds,
    )
    .action(async (options) => {
      const { serveWarehouseCommand } = await import('./serve-warehouse-command.ts');
      context.exit(await serveWarehouseCommand(context.config(), options, context.io.out));
    });
}
