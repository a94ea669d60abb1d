import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { resource } from '../resources.ts';

const MIGRATIONS_DIR = fileURLToPath(resource('migrations'));
/** A migration may rewrite a whole table: it gets an hour, where every other statement gets DATABASE_TIMEOUTS. */
const MIGRATION_TIMEOUT_MS = 3_600_000;

/**
 * Applies the pending SQL migrations (`migrations/*.sql`, in order). node-pg-migrate holds an advisory lock
 * meanwhile, so jobs starting together apply each migration once.
 */
export async function applyMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`SET statement_timeout = ${MIGRATION_TIMEOUT_MS}`);
    // node-pg-migrate only queries its client: each query gets the migration's patience on this side too.
    const patient = {
      query: (text: string | pg.QueryConfig, values?: unknown[]) =>
        client.query({
          ...(typeof text === 'string' ? { text, values } : text),
          query_timeout: MIGRATION_TIMEOUT_MS + 60_000,
        } as pg.QueryConfig),
    } as unknown as pg.ClientBase;
    await runner({
      dbClient: patient,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'stockpipe_migrations',
      log: () => {},
    });
    await client.query('RESET statement_timeout');
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}
