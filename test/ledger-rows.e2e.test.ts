import { openWarehouse } from '@stockpipe/pipeline/warehouse';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// Rows deleted behind the job's back (issue 19.2): the ledger still says loaded, the rows say otherwise.
const at = (h: number) => `2024-12-06T${String(h).padStart(2, '0')}:00Z`;
const databases: FreshDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

/** Runs SQL on the warehouse the CLI loaded, as someone with psql would: the server, or the data dir's PGlite. */
async function onWarehouse(databaseUrl: string | undefined, dataDir: string, sql: string) {
  const open = await openWarehouse({ url: databaseUrl, dataDir });
  const client = new pg.Client({ connectionString: open.url });
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end();
    await open.close();
  }
}

describe('a loaded ticker-hour whose row is gone', () => {
  it('is reported by status, planned by backfill --dry-run, and loaded again by backfill', async () => {
    const database = await freshDatabase(process.env.DATABASE_URL);
    databases.push(database);
    const dataDir = await tempDir('row-gone');
    const env = {
      STOCKPIPE_DATA_DIR: dataDir,
      STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,MSFT:#Microsoft',
      DATABASE_URL: database.url,
    };
    const range = ['--from', at(14), '--to', at(15)];
    expect((await stockpipe(['backfill', ...range], env)).code).toBe(0);
    await onWarehouse(database.url, dataDir, "DELETE FROM stock_performance WHERE ticker = 'AMZN'");

    const json = await stockpipe(['status', ...range, '--json'], env);
    const states = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .map((c) => `${c.ticker} ${c.hour.slice(11, 13)} ${c.state}`);
    expect(states).toEqual(['AMZN 14 row_gone', 'AMZN 15 row_gone', 'MSFT 14 loaded', 'MSFT 15 loaded']);
    const text = await stockpipe(['status', ...range], env);
    expect(text.stdout).toMatch(/AMZN +\?\?/);
    expect(text.stdout).toMatch(/Row gone: 2 ticker-hours the ledger says loaded/);
    expect(text.stdout).toMatch(
      /stockpipe backfill --from 2024-12-06T14:00Z --to 2024-12-06T15:00Z --watchlist AMZN\n/,
    );

    const dry = await stockpipe(['backfill', ...range, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout + dry.stderr).toMatch(/already loaded +2 /);
    expect(dry.stdout + dry.stderr).toMatch(/loaded but row gone +2 /);

    expect((await stockpipe(['backfill', ...range], env)).code).toBe(0);
    expect((await readRows(database.url, dataDir, ['AMZN'])).map((r) => r.hourStart.toISOString())).toEqual([
      '2024-12-06T14:00:00.000Z',
      '2024-12-06T15:00:00.000Z',
    ]);
    expect((await stockpipe(['status', ...range], env)).stdout).toMatch(/Every ticker-hour is loaded\./);
  }, 120_000);
});
