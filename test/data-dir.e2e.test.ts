import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type FakeServer, startFakeXServer, startFakeYahooServer } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStockpipe, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// Two real processes on one embedded data dir (no DATABASE_URL: the warehouse is PGlite in the data dir).
// Before the data dir had an owner, they wrote the same PGlite files and rows reported as loaded were lost.

const HOUR = '2024-12-06T15:00Z';
const THREE = 'AMZN:#Amazon,MSFT:#Microsoft,AAPL:#Apple';

let x: FakeServer;
let yahoo: FakeServer;
beforeAll(async () => {
  [x, yahoo] = await Promise.all([startFakeXServer({ bearerToken: 'e2e-token' }), startFakeYahooServer()]);
});
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close()]);
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A live run whose X search is held by the fake until `release` is called: it holds the data dir meanwhile. */
async function heldRun(dataDir: string) {
  let release = () => {};
  const until = new Promise<void>((resolve) => {
    release = resolve;
  });
  const before = x.requests.length;
  x.enqueue({ status: 503, body: '{"title":"Service Unavailable"}', until });
  const run = startStockpipe(['run', '--hour', HOUR, '--watchlist', 'AMZN:#Amazon'], {
    STOCKPIPE_DATA_DIR: dataDir,
    STOCKPIPE_SOURCE: 'live',
    X_BEARER_TOKEN: 'e2e-token',
    X_API_BASE_URL: x.url,
    YAHOO_FINANCE_BASE_URL: yahoo.url,
  });
  // Its X request has arrived: it opened the warehouse and holds the hour.
  while (x.requests.length === before) await new Promise((resolve) => setTimeout(resolve, 50));
  return { run, release };
}

describe('one embedded data dir, two processes', () => {
  it('two runs of the same hour started together both load, one after the other, and every row is there', async () => {
    const dataDir = await tempDir('two-runs');
    const env = { STOCKPIPE_DATA_DIR: dataDir, STOCKPIPE_WATCHLIST: THREE };
    const [first, second] = await Promise.all([
      stockpipe(['run', '--hour', HOUR], env),
      stockpipe(['run', '--hour', HOUR], env),
    ]);
    for (const result of [first, second]) {
      expect(result.stderr).toMatch(/stockpipe succeeded: 2024-12-06T15:00Z, 3\/3 tickers loaded/);
      expect(result.code).toBe(0);
    }
    const rows = await readRows(undefined, dataDir);
    expect(rows.map((r) => r.ticker).sort()).toEqual(['AAPL', 'AMZN', 'MSFT']);
  });

  it('a second process gives up after the lock wait, naming the holder; a SIGKILLed holder frees the dir and its temp files go', async () => {
    const dataDir = await tempDir('held');
    const { run: holder } = await heldRun(dataDir);
    const pid = holder.child.pid as number;

    const second = await stockpipe(['run', '--hour', HOUR], {
      STOCKPIPE_DATA_DIR: dataDir,
      STOCKPIPE_LOCK_WAIT_SECONDS: '0',
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `the embedded warehouse in .* is in use by pid ${pid} \\(stockpipe run --hour ${HOUR} --watchlist AMZN:#Amazon, since \\d\\d:\\d\\d:\\d\\dZ\\)`,
      ),
    );
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack

    // Killed midway, it leaves what it was writing; the lock goes with it (the kernel drops it).
    await mkdir(join(dataDir, 'tmp'), { recursive: true });
    await writeFile(join(dataDir, 'tmp', `${pid}.q8w7e6.tmp`), '{"half": ');
    holder.child.kill('SIGKILL');
    await holder.exited;
    const third = await stockpipe(['run', '--hour', HOUR], {
      STOCKPIPE_DATA_DIR: dataDir,
      STOCKPIPE_LOCK_WAIT_SECONDS: '0',
    });
    expect(third.stderr).toMatch(/stockpipe succeeded/);
    expect(third.code).toBe(0);
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('a waiting process says at once whom it waits for, and for how long at most', async () => {
    const dataDir = await tempDir('says-wait');
    const { run: holder, release } = await heldRun(dataDir);
    const pid = holder.child.pid as number;
    const status = startStockpipe(['status'], { STOCKPIPE_DATA_DIR: dataDir });
    const saidSoon = await Promise.race([
      status.printed(/waiting for pid \d+/).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000)),
    ]);
    release();
    await holder.exited;
    const result = await status.exited;
    expect(saidSoon).toBe(true);
    expect(result.stderr).toMatch(
      new RegExp(
        `^stockpipe: the embedded warehouse in .* is in use: waiting for pid ${pid} \\(stockpipe run --hour ${HOUR} --watchlist AMZN:#Amazon, since \\d\\d:\\d\\d:\\d\\dZ\\), up to 120 s \\(STOCKPIPE_LOCK_WAIT_SECONDS\\)$`,
        'm',
      ),
    );
    expect(result.code).toBe(0);
  });

  it('a second process waits for the holder to finish, then runs', async () => {
    const dataDir = await tempDir('wait');
    const { run: holder, release } = await heldRun(dataDir);
    const second = startStockpipe(['run', '--hour', HOUR], { STOCKPIPE_DATA_DIR: dataDir });
    setTimeout(release, 500);
    expect((await holder.exited).code).toBe(0); // X answers 503 once, then the search is retried
    const result = await second.exited;
    expect(result.stderr).toMatch(/stockpipe succeeded/);
    expect(result.code).toBe(0);
  });
});

describe('serve-warehouse beside the hourly job', () => {
  it('a run goes through the served database: a BI client sees its rows at once, and they stay after the server stops', async () => {
    const dataDir = await tempDir('served');
    const port = await freePort();
    const server = startStockpipe(['serve-warehouse', '--port', String(port)], {
      STOCKPIPE_DATA_DIR: dataDir,
    });
    await server.printed(/Serving the embedded warehouse/);

    const run = await stockpipe(['run', '--hour', HOUR, '--watchlist', THREE], {
      STOCKPIPE_DATA_DIR: dataDir,
    });
    expect(run.stderr).toMatch(/stockpipe succeeded: 2024-12-06T15:00Z, 3\/3 tickers loaded/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"warehouse":"served"');

    const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT "Ticker" FROM bi_stock_performance ORDER BY 1');
      expect(rows.map((r) => r.Ticker)).toEqual(['AAPL', 'AMZN', 'MSFT']);
    } finally {
      await client.end();
    }

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    const rows = await readRows(undefined, dataDir);
    expect(rows.map((r) => r.ticker).sort()).toEqual(['AAPL', 'AMZN', 'MSFT']);
  });

  it('started through pnpm, stops when pnpm is sent SIGTERM, leaving its port free', async () => {
    // The pnpm running the tests (npm_execpath under `pnpm test`), else the one on PATH.
    const pnpm = process.env.npm_execpath ?? 'pnpm';
    const dataDir = await tempDir('pnpm-served');
    const port = await freePort();
    const viaPnpm = /\.[cm]?js$/.test(pnpm) ? [process.execPath, pnpm] : [pnpm];
    const server = startStockpipe(
      ['stockpipe', 'serve-warehouse', '--port', String(port)],
      { STOCKPIPE_DATA_DIR: dataDir },
      [...viaPnpm, '--dir', join(import.meta.dirname, '..'), '--silent'],
    );
    await server.printed(/Serving the embedded warehouse/);
    const holder = JSON.parse(await readFile(join(dataDir, 'warehouse.lock.holder.json'), 'utf8'));
    expect(holder.pid).not.toBe(server.child.pid); // pnpm runs node as a child

    server.child.kill('SIGTERM');
    await server.exited;
    await ended(holder.pid, 20_000);
    // Its port is free again and the data dir with it: a new server can start there.
    const again = startStockpipe(['serve-warehouse', '--port', String(port)], {
      STOCKPIPE_DATA_DIR: dataDir,
      STOCKPIPE_LOCK_WAIT_SECONDS: '0',
    });
    await again.printed(/Serving the embedded warehouse/);
    again.child.kill('SIGINT');
    const stopped = await again.exited;
    expect(stopped.code, JSON.stringify(stopped)).toBe(0);
  });
});

/** Waits until `pid` has ended: gone, or a zombie nobody has reaped yet (it holds no lock or port then). */
async function ended(pid: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline)
      throw new Error(`process ${pid} still runs ${withinMs} ms after pnpm was stopped`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // On Linux, a zombie answers the signal too: /proc tells it apart (elsewhere, its absence changes nothing).
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
