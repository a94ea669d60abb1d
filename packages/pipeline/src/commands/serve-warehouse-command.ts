import { type Config, ConfigError } from '@stockpipe/shared';
import { commandLogger } from '../log.ts';
import { stopRequested } from '../stop-signal.ts';
import { IDLE_IN_TRANSACTION_MS } from '../stores/embedded-guard.ts';
import { openWarehouseFor } from '../wiring.ts';

/**
 * `stockpipe serve-warehouse`: the embedded PGlite warehouse on 127.0.0.1, so that Power BI, psql or any
 * PostgreSQL client can read `bi_stock_performance` on one machine. Runs until interrupted (Ctrl-C, SIGTERM, or
 * the end of the process that started it).
 */
export async function serveWarehouseCommand(
  config: Config,
  options: { port: number; idleInTransaction?: number },
  out: (text: string) => void,
  until: () => Promise<unknown> = stopRequested,
): Promise<number> {
  if (config.databaseUrl) {
    throw new ConfigError([
      'DATABASE_URL: is set, so the warehouse is already a server; connect to it directly',
    ]);
  }
  const open = await openWarehouseFor(config, commandLogger(config), {
    servePort: options.port,
    idleInTransactionMs:
      options.idleInTransaction === undefined ? undefined : options.idleInTransaction * 1000,
  });
  try {
    await open.warehouse.migrate();
    // Signals are taken from here on (while it waited for the data dir, Ctrl-C stopped it as any command), and
    // before the banner: a Ctrl-C sent as soon as the banner shows must find the handler in place.
    const stopping = until();
    out(
      `Serving the embedded warehouse at ${open.url}\n` +
        `  psql ${open.url.replace('//postgres@', '//stockpipe_bi@')} -c 'SELECT * FROM bi_stock_performance LIMIT 5'\n` +
        `  Power BI: PostgreSQL database, server 127.0.0.1:${options.port}, database postgres, user stockpipe_bi, no password\n` +
        'A client connected as stockpipe_bi (any user but postgres) reads only: each statement in a read-only transaction, rolled back.\n' +
        `A client idle in a transaction for ${options.idleInTransaction ?? IDLE_IN_TRANSACTION_MS / 1000} s is ended (one transaction at a time); COPY FROM STDIN and COPY … PROGRAM are refused.\n` +
        'Meanwhile, other stockpipe commands on this data dir (run, demo, backfill, replay, status, digest, dashboard) go through this server.\n' +
        'Ctrl-C (or SIGTERM) stops it.\n',
    );
    const why = await stopping;
    out(`Stopped (${why}): the warehouse is closed, and other commands open it themselves again.\n`);
    return 0;
  } finally {
    await open.close();
  }
}
