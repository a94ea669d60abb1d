import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { resource } from '../resources.ts';

const MIGRATIONS_DIR = fileURLToPath(resource('migrations'));

/**
 * Applies the pending SQL migrations (`migrations/*.sql`, in order). node-pg-migrate holds an advisory lock
 * meanwhile, so jobs starting together apply each migration once.
 */
export async function applyMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'stockpipe_migrations',
      log: () => {},
    });
  } finally {
    client.release();
  }
}
