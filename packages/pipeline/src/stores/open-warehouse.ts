import { join } from 'node:path';
import pg from 'pg';
import type { ServiceCalls } from '../aws/service-calls.ts';
import { BusyError } from '../errors.ts';
import { checkWritableInside, requireWarehouseIn, usableDataDir } from './data-dir.ts';
import { IDLE_IN_TRANSACTION_MS } from './embedded-guard.ts';
import { describeHolder, FileLock, waitForLock } from './file-lock.ts';
import { AdvisoryHourLock, DataDirWriterLock } from './hour-locks.ts';
import {
  ClosingClient,
  DATABASE_TIMEOUTS,
  type DatabaseCredentials,
  poolConfigFor,
} from './pg-connection.ts';
import { PgWarehouse } from './pg-warehouse.ts';
import { accepts } from './reachable.ts';

export interface WarehouseTarget {
  /** A server's URL; none means embedded PGlite in the data dir. */
  url: string | undefined;
  dataDir: string;
  credentials?: DatabaseCredentials;
  caPem?: string;
  /** How long to wait for another process's hour lock or embedded warehouse (STOCKPIPE_LOCK_WAIT_SECONDS). */
  lockWaitMs?: number;
  /** Told at once when the command waits for another process, in a line a person reads. */
  waiting?: (notice: string) => void;
  calls?: ServiceCalls;
  /** Serve the embedded warehouse to other processes on this loopback port (`serve-warehouse`). */
  servePort?: number;
  /** Where it listens when served: loopback unless told (a container publishes its ports from 0.0.0.0). */
  serveHost?: string;
  /** How long a served client may sit idle in a transaction before it is ended (embedded-guard.ts). */
  idleInTransactionMs?: number;
  /**
   * Only an embedded warehouse that is there already: a command that reads (status, dashboard, digest, analyze)
   * run from the wrong folder says so, instead of making an empty data dir there and reporting every hour missing.
   */
  existing?: boolean;
}

export interface OpenWarehouse {
  warehouse: PgWarehouse;
  /**
   * `server` for DATABASE_URL; `embedded` for PGlite this process opened in the data dir; `served` for the data
   * dir's PGlite reached through the `serve-warehouse` process that holds it.
   */
  kind: 'server' | 'embedded' | 'served';
  /** Where a PostgreSQL client reaches it (the embedded one on a loopback port, while open). */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_LOCK_WAIT_MS = 120_000;

/**
 * The warehouse the config names: a PostgreSQL server, or embedded PGlite in the data dir. A server is not
 * contacted until the first query, so an unreachable database fails the load, after the raw data is staged.
 */
export function openWarehouse(target: WarehouseTarget): Promise<OpenWarehouse> {
  return target.url ? openServer(target, target.url) : openEmbedded(target);
}

async function openServer(target: WarehouseTarget, url: string): Promise<OpenWarehouse> {
  // A batch job needs few connections: the hour's lock, and one transaction that loads the run.
  const pool = newPool(poolConfigFor(url, { credentials: target.credentials, caPem: target.caPem, max: 3 }));
  const hourLock = new AdvisoryHourLock(pool, target.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  const warehouse = new PgWarehouse(pool, { hourLock, calls: target.calls });
  return { warehouse, kind: 'server', url, close: () => warehouse.close() };
}

/**
 * One process at a time opens the data dir's PGlite (two would write the same files and lose rows). The others
 * wait for it, or, when its holder is `serve-warehouse`, go through the database it serves, so a BI client and
 * the hourly job can share one laptop. Writers always hold the data dir's writer lock, wherever they come from.
 */
async function openEmbedded(target: WarehouseTarget): Promise<OpenWarehouse> {
  if (target.existing) await requireWarehouseIn(target.dataDir);
  const dataDir = await usableDataDir(target.dataDir);
  const waitMs = target.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  const hourLock = new DataDirWriterLock(dataDir, waitMs, target.waiting);
  const lockPath = join(dataDir, 'warehouse.lock');
  const access = await waitForLock(lockPath, {
    waitMs,
    // Anyone may go through a holder that serves, once it answers; a server of our own would only serve it twice.
    instead: async (holder) => {
      if (!holder?.url || !(await accepts(holder.url))) return undefined;
      if (target.servePort === undefined) return holder.url;
      throw new BusyError(
        `the embedded warehouse in ${dataDir} is served already, at ${holder.url} by ${describeHolder(holder)}: connect there`,
      );
    },
    busy: (holder, waited) =>
      new BusyError(
        `the embedded warehouse in ${dataDir} is in use by ${describeHolder(holder)}; gave up after ${Math.round(waited / 1000)} s (STOCKPIPE_LOCK_WAIT_SECONDS)`,
      ),
    waiting: (holder) =>
      target.waiting?.(
        `the embedded warehouse in ${dataDir} is in use: waiting for ${describeHolder(holder)}, up to ${waitMs / 1000} s (STOCKPIPE_LOCK_WAIT_SECONDS)`,
      ),
  });
  if (!(access instanceof FileLock)) {
    const warehouse = new PgWarehouse(newPool({ connectionString: access, max: 2 }), {
      hourLock,
      calls: target.calls,
    });
    return { warehouse, kind: 'served', url: access, close: () => warehouse.close() };
  }
  try {
    const warehouseDir = join(dataDir, 'warehouse');
    await checkWritableInside(warehouseDir);
    // PGlite (WebAssembly PostgreSQL) is loaded only when there is no server to talk to.
    const { startEmbeddedPostgres } = await import('./embedded-postgres.ts');
    const serve =
      target.servePort === undefined
        ? undefined
        : {
            port: target.servePort,
            host: target.serveHost,
            idleInTransactionMs: target.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS,
          };
    const embedded = await startEmbeddedPostgres(warehouseDir, serve);
    const warehouse = new PgWarehouse(newPool({ connectionString: embedded.url, max: 2 }), {
      hourLock,
      calls: target.calls,
    });
    // Each step runs whatever the one before did: nothing may stay open behind a failed close (or start).
    const close = async () => {
      try {
        await warehouse.close();
      } finally {
        try {
          await embedded.stop();
        } finally {
          access.release();
        }
      }
    };
    try {
      if (target.servePort !== undefined) {
        // Migrated before others are told where it is: the served PGlite is one session, so the migration lock
        // would not keep a client's migrations apart from ours.
        await warehouse.migrate();
        access.announce({ url: embedded.url });
      }
    } catch (error) {
      await close().catch(() => {});
      throw error;
    }
    return { warehouse, kind: 'embedded', url: embedded.url, close };
  } catch (error) {
    access.release();
    throw error;
  }
}

function newPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...DATABASE_TIMEOUTS, ...config, Client: ClosingClient });
  // An idle client's error (a server restart) must not crash the job; the next query reports it.
  pool.on('error', () => {});
  return pool;
}
