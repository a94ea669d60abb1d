import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenWarehouse, openWarehouse } from '../../src/stores/open-warehouse.ts';
import { migrateUpTo } from '../support/migrate-up-to.ts';

// A ledger as deployed before migration 0008: an hour loaded by the scheduled run, then replayed a month later.
let database: FreshDatabase;
let open: OpenWarehouse;
const HOUR = new Date('2024-12-06T14:00Z');
const FIRST_ATTEMPT = new Date('2024-12-06T15:05Z');
const REPLAYED = new Date('2025-01-06T09:00Z');

beforeAll(async () => {
  database = await freshDatabase(process.env.DATABASE_URL);
  open = await openWarehouse({
    url: database.url,
    dataDir: await mkdtemp(join(tmpdir(), 'stockpipe-0008-')),
  });
  const client = new pg.Client({ connectionString: open.url });
  await client.connect();
  try {
    await migrateUpTo(client, 7);
    await client.query(
      `INSERT INTO stock_hour_ledger (ticker, hour_start, state, attempts, failures, first_attempt_at,
         last_attempt_at, run_id)
       VALUES ('AMZN', $1, 'loaded', 2, 0, $2, $3, 'replay')`,
      [HOUR, FIRST_ATTEMPT, REPLAYED],
    );
  } finally {
    await client.end();
  }
}, 60_000);

afterAll(async () => {
  await open?.close();
  await database?.drop();
});

describe('migration 0008 on a ledger kept before it', () => {
  it('dates an old loaded hour by its first attempt, so a replay does not make its history late', async () => {
    await open.warehouse.migrate();
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    const { rows } = await client
      .query('SELECT first_loaded_at FROM stock_hour_ledger WHERE ticker = $1', ['AMZN'])
      .finally(() => client.end());
    expect(rows).toEqual([{ first_loaded_at: FIRST_ATTEMPT }]);
  });
});
