import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { resource } from '../../src/resources.ts';

/** The warehouse's schema as deployed at an older release: the first `count` migrations, as the job applies them. */
export async function migrateUpTo(client: pg.Client, count: number): Promise<void> {
  await runner({
    dbClient: client,
    dir: fileURLToPath(resource('migrations')),
    direction: 'up',
    count,
    migrationsTable: 'stockpipe_migrations',
    log: () => {},
  });
}
