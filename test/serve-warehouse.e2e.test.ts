import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';

const CLI = fileURLToPath(new URL('../packages/pipeline/src/cli.ts', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
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
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve-warehouse', '--port', String(port)], {
      env: { PATH: process.env.PATH, STOCKPIPE_DATA_DIR: dataDir },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Serving') && resolve());
        child.once('exit', (code) => reject(new Error(`serve-warehouse exited ${code}`)));
      });
      const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
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
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 60_000);
});
