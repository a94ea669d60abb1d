import { join } from 'node:path';
import pg from 'pg';
import type { ServiceCalls } from '../aws/service-calls.ts';
import { type DatabaseCredentials, poolConfigFor } from './pg-connection.ts';
import { PgWarehouse } from './pg-warehouse.ts';

export interface WarehouseTarget {
  /** A server's URL; none means embedded PGlite in the data dir. */
  url: string | undefined;
  dataDir: string;
  credentials?: DatabaseCredentials;
  caPem?: string;
  lockWaitMs?: number;
  calls?: ServiceCalls;
  /** The loopback port of the embedded database (default: any free one). */
  embeddedPort?: number;
}

export interface OpenWarehouse {
  warehouse: PgWarehouse;
  /** `server` for DATABASE_URL, `embedded` for PGlite in the data dir. */
  kind: 'server' | 'embedded';
  /** Where a PostgreSQL client reaches it (the embedded one on a loopback port, while open). */
  url: string;
  close(): Promise<void>;
}

/**
 * The warehouse the config names: a PostgreSQL server, or embedded PGlite in the data dir. A server is not
 * contacted until the first query, so an unreachable database fails the load, after the raw data is staged.
 */
export async function openWarehouse(target: WarehouseTarget): Promise<OpenWarehouse> {
  // PGlite (WebAssembly PostgreSQL) is loaded only when there is no server to talk to.
  const embedded = target.url
    ? null
    : await (await import('./embedded-postgres.ts')).startEmbeddedPostgres(
        join(target.dataDir, 'warehouse'),
        target.embeddedPort,
      );
  // A batch job needs few connections: the hour's lock, and one transaction that loads the run.
  const pool = new pg.Pool(
    embedded
      ? { connectionString: embedded.url, max: 2 }
      : poolConfigFor(target.url as string, { credentials: target.credentials, caPem: target.caPem, max: 3 }),
  );
  // An idle client's error (a server restart) must not crash the job; the next query reports it.
  pool.on('error', () => {});
  const warehouse = new PgWarehouse(pool, { lockWaitMs: target.lockWaitMs, calls: target.calls });
  return {
    warehouse,
    kind: embedded ? 'embedded' : 'server',
    url: embedded ? embedded.url : (target.url as string),
    async close() {
      await warehouse.close();
      await embedded?.stop();
    },
  };
}
