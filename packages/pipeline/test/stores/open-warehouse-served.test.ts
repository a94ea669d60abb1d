import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { expect, it } from 'vitest';
import { FileLock } from '../../src/stores/file-lock.ts';
import { openWarehouse } from '../../src/stores/open-warehouse.ts';

// Another command reaches a served warehouse by the URL in the lock's holder file, and would migrate it at once.
it('tells others where the served warehouse is only once it is migrated', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'stockpipe-served-'));
  const lockPath = join(dataDir, 'warehouse.lock');
  let opened = false;
  const opening = openWarehouse({ url: undefined, dataDir, servePort: 0 }).finally(() => {
    opened = true;
  });
  let url: string | undefined;
  for (let last = false; !url && !last; ) {
    last = opened;
    url = FileLock.readHolder(lockPath)?.url;
    await sleep(5);
  }
  expect(url).toBeDefined();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT to_regclass('stock_performance') AS performance`);
    expect(rows[0].performance).toBe('stock_performance');
  } finally {
    await client.end();
    await (await opening).close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
