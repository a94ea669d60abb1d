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

describe('serve-warehouse on a data dir that is served already', () => {
  it('says at once where it is served, and exits 1 without waiting', async () => {
    const dataDir = await tempDir('serve-twice');
    const served = await serving(dataDir);
    try {
      const again = await stockpipe(['serve-warehouse', '--port', String(await freePort())], {
        STOCKPIPE_DATA_DIR: dataDir,
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /is served already, at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres by pid \d+/,
      );
      expect(again.stderr).not.toMatch(/waiting for/);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});

describe('the demo beside serve-warehouse', () => {
  it('says its rows go to the served warehouse, at its URL, not to an embedded one it did not open', async () => {
    const dataDir = await tempDir('demo-served');
    const served = await serving(dataDir);
    try {
      const demo = await stockpipe(['demo', '--hours', '2', '--until', '2024-12-06T16:00Z'], {
        STOCKPIPE_DATA_DIR: dataDir,
      });
      expect(demo.code).toBe(0);
      expect(demo.stdout.split('\n')[0]).toBe(
        `stockpipe demo: 2 hours × 5 tickers, sample data, warehouse served at ${served.url} by another stockpipe process`,
      );
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});

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

describe('#19.9.5 serve-warehouse gone in the middle of a backfill through it', () => {
  it('stops the backfill with one line saying so, and exit 1: no warning per ticker-hour, no stack', async () => {
    const dataDir = await tempDir('serve-gone');
    const served = await serving(dataDir);
    const backfill = startStockpipe(
      ['backfill', '--from', '2024-09-01T00:00Z', '--to', '2024-12-07T23:00Z', '--yes'],
      {
        STOCKPIPE_DATA_DIR: dataDir,
      },
    );
    await backfill.printed(/"stage":"backfill"/); // a first batch loaded through the server
    await served.stop();
    const result = await backfill.exited;
    expect(result.stderr).toMatch(
      /^stockpipe: the warehouse stopped answering \(.+\) after [\d,]+ ticker-hours loaded; when it answers again \(serve-warehouse, or the server of DATABASE_URL\), run the same command to resume: loaded ticker-hours are skipped\n$/,
    );
    expect(result.code).toBe(1);
  }, 120_000);
});

describe('#19.1 serve-warehouse serves the BI role read-only', () => {
  it('refuses every change a stockpipe_bi session tries, and goes on serving it and the job', async () => {
    const dataDir = await tempDir('serve-bi');
    const served = await serving(dataDir);
    const bi = new pg.Client({ connectionString: served.url.replace('postgres@', 'stockpipe_bi@') });
    const admin = new pg.Client({ connectionString: served.url });
    try {
      const run = await stockpipe(['run', '--hour', '2024-12-06T15:00Z', '--watchlist', 'AMZN:#Amazon'], {
        STOCKPIPE_DATA_DIR: dataDir,
      });
      expect(run.code).toBe(0);
      await bi.connect();
      const refused = [
        'DELETE FROM stock_performance',
        "UPDATE stock_performance SET ticker = 'X'",
        'TRUNCATE stock_performance',
        'DROP VIEW bi_stock_performance',
        'CREATE TABLE mine (a int)',
        "COPY stock_performance FROM '/tmp/rows.csv'",
        'BEGIN; SET TRANSACTION READ WRITE; DELETE FROM stock_performance',
        'SELECT 1; COMMIT; DELETE FROM stock_performance',
        'SET TRANSACTION READ WRITE; DELETE FROM stock_performance',
        'SET ROLE postgres; DELETE FROM stock_performance',
        'RESET ROLE',
        'SET SESSION AUTHORIZATION postgres',
        "SELECT set_config('role', 'postgres', false)",
        "DO $$ BEGIN EXECUTE 'DELETE FROM stock_performance'; END $$",
        'SELECT pg_terminate_backend(pg_backend_pid())',
        "SELECT 'a;b' AS x; /* ; */ DELETE FROM stock_performance",
      ];
      for (const sql of refused) {
        await expect(bi.query(sql), sql).rejects.toMatchObject({
          code: expect.stringMatching(/^(25006|25001|42501)$/),
        });
      }
      await expect(
        bi.query({ text: 'DELETE FROM stock_performance WHERE ticker = $1', values: ['AMZN'] }),
      ).rejects.toThrow(/read-only/);
      // Still the BI role, still usable, and a SET lasts its statement only (the backend is everyone's).
      expect((await bi.query('SELECT current_user AS who')).rows).toEqual([{ who: 'stockpipe_bi' }]);
      const [, shown] = (await bi.query(
        "SET TIME ZONE 'Asia/Tokyo'; SHOW TIME ZONE",
      )) as unknown as pg.QueryResult[];
      expect(shown?.rows).toEqual([{ TimeZone: 'Asia/Tokyo' }]);
      expect((await bi.query('SHOW TIME ZONE')).rows).not.toEqual([{ TimeZone: 'Asia/Tokyo' }]);
      expect(
        (
          await bi.query({
            text: 'SELECT count(*)::int AS n FROM bi_stock_performance WHERE "Ticker" = $1',
            values: ['AMZN'],
          })
        ).rows,
      ).toEqual([{ n: 1 }]);
      await admin.connect();
      expect(
        (await admin.query('SELECT current_user AS who, count(*)::int AS n FROM stock_performance')).rows,
      ).toEqual([{ who: 'postgres', n: 1 }]);
      expect((await admin.query('SHOW TIME ZONE')).rows).not.toEqual([{ TimeZone: 'Asia/Tokyo' }]);
      const again = await stockpipe(['run', '--hour', '2024-12-06T16:00Z', '--watchlist', 'AMZN:#Amazon'], {
        STOCKPIPE_DATA_DIR: dataDir,
      });
      expect(again.code).toBe(0);
    } finally {
      await bi.end().catch(() => {});
      await admin.end().catch(() => {});
      expect(await served.stop()).toBe(0);
    }
  }, 120_000);
});
