import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/stores/embedded-postgres.ts';

it('creates the embedded warehouse from its template, sized for one job: 16 MB of shared buffers, 1 MB WAL segments', async () => {
  const embedded = await startEmbeddedPostgres(await mkdtemp(join(tmpdir(), 'stockpipe-embedded-')));
  const client = new pg.Client({ connectionString: embedded.url });
  try {
    await client.connect();
    const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name];
    expect(await show('shared_buffers')).toBe('16MB');
    expect(await show('wal_segment_size')).toBe('1MB');
  } finally {
    await client.end();
    await embedded.stop();
  }
});
