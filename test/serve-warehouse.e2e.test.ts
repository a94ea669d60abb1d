import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startStockpipe, stockpipe, tempDir } from './support/cli.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `stockpipe serve-warehouse` on a free port, once it says it serves; stop() sends SIGINT and says how it ended. */
async function serving(dataDir: string, args: string[] = []) {
  const port = await freePort();
  // Started as the other tests start the CLI, so that a test that times out does not leave it serving.
  const cli = startStockpipe(['serve-warehouse', '--port', String(port), ...args], {
    STOCKPIPE_DATA_DIR: dataDir,
  });
  await cli.printed(/Serving/);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      cli.child.kill('SIGINT');
      return (await cli.exited).code;
    },
  };
}

describe('#20.2 serve-warehouse bounds what one client can hold', () => {
  it('ends a client idle in a transaction, so that the hourly job through it loads', async () => {
    const dataDir = await tempDir('serve-idle');
    const served = await serving(dataDir, ['--idle-in-transaction', '2']);
    const idle = new pg.Client({ connectionString: served.url });
    idle.on('error', () => {});
    try {
      await idle.connect();
      await idle.query('BEGIN');
      await idle.query('SELECT count(*) FROM stock_performance');
      // A psql left at BEGIN: the job's statements would queue behind it for as long as it stays.
      const run = await stockpipe(['run', '--hour', '2024-12-06T15:00Z', '--watchlist', 'AMZN:#Amazon'], {
        STOCKPIPE_DATA_DIR: dataDir,
      });
      expect(run.stderr).toMatch(/AMZN +\d+ posts/);
      expect(run.code).toBe(0);
      await expect(idle.query('SELECT 1')).rejects.toThrow(
        /idle-in-transaction timeout|terminated|not queryable/,
      );
    } finally {
      await idle.end().catch(() => {});
      expect(await served.stop()).toBe(0);
    }
  });

  it('refuses COPY … PROGRAM and COPY FROM STDIN, which would wedge it, and goes on serving', async () => {
    const served = await serving(await tempDir('serve-copy'));
    const client = new pg.Client({ connectionString: served.url });
    try {
      await client.connect();
      await expect(client.query("COPY (SELECT 1) TO PROGRAM 'cat > /dev/null'")).rejects.toThrow(
        /serve-warehouse refuses COPY FROM STDIN and COPY … PROGRAM/,
      );
      await expect(
        client.query({ text: "COPY (SELECT $1::int) TO PROGRAM 'cat'", values: [1] }),
      ).rejects.toThrow(/refuses COPY/);
      await expect(client.query('CREATE TEMP TABLE t (a int); COPY t FROM STDIN')).rejects.toThrow(
        /refuses COPY/,
      );
      expect((await client.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
      const other = new pg.Client({ connectionString: served.url });
      await other.connect();
      expect((await other.query('SELECT count(*)::int AS n FROM stock_performance')).rows).toEqual([
        { n: 0 },
      ]);
      await other.end();
    } finally {
      await client.end().catch(() => {});
      expect(await served.stop()).toBe(0);
    }
  });
});

describe('stockpipe serve-warehouse', () => {
  it('lets any PostgreSQL client read the BI view of the embedded warehouse, as the read-only role', async () => {
    const dataDir = await tempDir('serve');
    expect(
      (
        await stockpipe(['run', '--hour', '2024-12-06T15:00Z', '--watchlist', 'AMZN:#Amazon'], {
          STOCKPIPE_DATA_DIR: dataDir,
        })
      ).code,
    ).toBe(0);
    const served = await serving(dataDir);
    try {
      const client = new pg.Client({ connectionString: served.url });
      await client.connect();
      try {
        await client.query('SET ROLE stockpipe_bi');
        const { rows } = await client.query(
          'SELECT "Ticker", "Close", "Sentiment score" FROM bi_stock_performance',
        );
        expect(rows).toEqual([
          { Ticker: 'AMZN', Close: expect.any(String), 'Sentiment score': expect.any(Number) },
        ]);
        await expect(client.query('SELECT * FROM stock_performance')).rejects.toThrow(/permission denied/);
      } finally {
        await client.end();
      }
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});
