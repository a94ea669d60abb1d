import { type Config, ConfigError } from '@stockpipe/shared';
import { openWarehouse } from '../stores/open-warehouse.ts';

/**
 * `stockpipe serve-warehouse`: the embedded PGlite warehouse on 127.0.0.1, so that Power BI, psql or any
 * PostgreSQL client can read `bi_stock_performance` on one machine. Runs until interrupted (Ctrl-C).
 */
export async function serveWarehouseCommand(
  config: Config,
  options: { port: number },
  out: (text: string) => void,
  until: Promise<unknown> = new Promise((resolve) =>
    process.once('SIGINT', resolve).once('SIGTERM', resolve),
  ),
): Promise<number> {
  if (config.databaseUrl) {
    throw new ConfigError([
      'DATABASE_URL: is set, so the warehouse is already a server; connect to it directly',
    ]);
  }
  const open = await openWarehouse({ url: undefined, dataDir: config.dataDir, embeddedPort: options.port });
  try {
    await open.warehouse.migrate();
    out(
      `Serving the embedded warehouse at ${open.url}\n` +
        `  psql ${open.url} -c 'SELECT * FROM bi_stock_performance LIMIT 5'\n` +
        `  Power BI: PostgreSQL database, server 127.0.0.1:${options.port}, database postgres, user postgres, no password\n` +
        'Ctrl-C stops it (PGlite serves one client at a time; no other stockpipe command can use the data dir meanwhile).\n',
    );
    await until;
    return 0;
  } finally {
    await open.close();
  }
}
