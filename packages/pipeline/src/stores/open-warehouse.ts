import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { PgWarehouse } from './pg-warehouse.ts';

export interface OpenWarehouse {
  warehouse: PgWarehouse;
  /** `server` for DATABASE_URL, `embedded` for PGlite in the data dir. */
  kind: 'server' | 'embedded';
  close(): Promise<void>;
}

/**
 * The warehouse the config names: a PostgreSQL server, or embedded PGlite in the data dir. A server is not
 * contacted until the first query, so an unreachable database fails the load, after the raw data is staged.
 */
export async function openWarehouse(
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<OpenWarehouse> {
  const embedded = databaseUrl ? null : await startEmbeddedPostgres(join(dataDir, 'warehouse'));
  // A batch job needs few connections: one transaction loads the run; PGlite serves one at a time anyway.
  const pool = new pg.Pool({
    connectionString: databaseUrl ?? embedded?.url,
    max: embedded ? 1 : 4,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's error (a server restart) must not crash the job; the next query reports it.
  pool.on('error', () => {});
  const warehouse = new PgWarehouse(pool);
  return {
    warehouse,
    kind: embedded ? 'embedded' : 'server',
    async close() {
      await warehouse.close();
      await embedded?.stop();
    },
  };
}
