import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStockpipe, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

let database: FreshDatabase;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  database = await freshDatabase(process.env.DATABASE_URL);
  env = { STOCKPIPE_DATA_DIR: await tempDir('demo'), DATABASE_URL: database.url };
});
afterAll(async () => {
  await database.drop();
});

describe('stockpipe demo', () => {
  // Six hours up to a Friday's close: trading hours and the first closed ones.
  const args = ['demo', '--hours', '6', '--until', '2024-12-06T22:00Z'];

  it('runs five companies through the pipeline and prints a table per ticker', async () => {
    const result = await stockpipe(args, env);
    expect(result.code).toBe(0);
    for (const ticker of ['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA']) {
      expect(result.stdout).toMatch(
        new RegExp(
          `^${ticker}\\nhour \\(UTC\\)\\s+posts\\s+scored\\s+sentiment\\s+label\\s+close\\s+change %`,
          'm',
        ),
      );
    }
    const amazon = result.stdout.split('\n\n').find((block) => block.startsWith('AMZN\n')) ?? '';
    const lines = amazon.split('\n').slice(3);
    expect(lines.map((l) => l.slice(0, 16))).toEqual([
      '2024-12-06 17:00',
      '2024-12-06 18:00',
      '2024-12-06 19:00',
      '2024-12-06 20:00',
      '2024-12-06 21:00',
      '2024-12-06 22:00',
    ]);
    expect(lines[3]).toMatch(/\d+\.\d{2}\s+[+-]?\d+\.\d{2}$/); // a traded hour: close and change
    expect(lines[5]).toMatch(/closed$/); // 17:00 in New York
    expect(result.stdout).toMatch(/30 ticker-hours loaded in [\d.]+ s\./);
  });

  it('leaves the same rows when run again', async () => {
    const before = await readRows(database.url, env.STOCKPIPE_DATA_DIR as string);
    expect(before).toHaveLength(30);
    expect((await stockpipe(args, env)).code).toBe(0);
    expect(await readRows(database.url, env.STOCKPIPE_DATA_DIR as string)).toEqual(before);
  });

  it('stopped with Ctrl-C, says so and that a rerun finishes it, and exits 130', async () => {
    const demo = startStockpipe(['demo', '--hours', '48', '--until', '2024-12-06T22:00Z'], {
      STOCKPIPE_DATA_DIR: await tempDir('demo-stopped'),
    });
    await demo.printed(/^stockpipe demo: /m);
    demo.child.kill('SIGINT');
    const result = await demo.exited;
    expect(result.stdout).toMatch(
      /stockpipe demo stopped after \d+ of 48 hours, as asked\. Run it again to finish: the hours loaded stay, and a rerun leaves the same rows\./,
    );
    expect(result.signal).toBeUndefined(); // it ended itself, after saying so
    expect(result.code).toBe(130);
  });
});
