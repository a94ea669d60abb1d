import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStockpipe, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// What a user sees when something is wrong: one line that says what, the exit code that says how bad, and a
// process that ends. Found by trying stockpipe from a fresh clone.

const listening = () =>
  new Promise<{ server: Server; port: number }>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port }),
    );
  });

describe('errors a user meets', () => {
  it('an unreachable DATABASE_URL is one line naming the cause, for any command, no stack', async () => {
    const { server, port } = await listening();
    server.close();
    for (const args of [
      ['status'],
      ['backfill', '--from', '2024-12-06T15:00Z', '--to', '2024-12-06T15:00Z', '--dry-run'],
    ]) {
      const result = await stockpipe(args, {
        STOCKPIPE_DATA_DIR: await tempDir('unreachable-db'),
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/nowhere`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^stockpipe: .*ECONNREFUSED 127\\.0\\.0\\.1:${port}.*\\n$`));
    }
  });

  it('a DATABASE_CA_FILE that cannot be read: one line naming it, exit 2, before anything is staged', async () => {
    const dataDir = await tempDir('ca-file');
    const env = { STOCKPIPE_DATA_DIR: dataDir, DATABASE_CA_FILE: join(dataDir, 'missing.pem') };
    const result = await stockpipe(['run', '--hour', '2024-12-06T15:00Z'], {
      ...env,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/unused',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^stockpipe: bad configuration: DATABASE_CA_FILE: cannot read .*missing\.pem \(ENOENT\)/,
    );
    expect(existsSync(join(dataDir, 'raw'))).toBe(false);
    // The log says why the run it announced never finished.
    expect(result.stdout).toMatch(/"msg":"run not started"/);
    // With no server to verify, the file is not needed, so not read.
    expect((await stockpipe(['run', '--hour', '2024-12-06T15:00Z'], env)).code).toBe(0);
  });

  it('serve-warehouse on a port another program holds: one line naming --port, exit 2, and it ends', async () => {
    const { server, port } = await listening();
    try {
      const served = startStockpipe(['serve-warehouse', '--port', String(port)], {
        STOCKPIPE_DATA_DIR: await tempDir('port-taken'),
      });
      const result = await served.exited; // it ends by itself: nothing left open behind the failed start
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `stockpipe: bad configuration: --port: 127.0.0.1:${port} is in use by another program; choose another port\n`,
      );
    } finally {
      server.close();
    }
  });

  it('flags name themselves: --until in the future, --out naming a folder', async () => {
    const dataDir = await tempDir('flags');
    const future = await stockpipe(['demo', '--until', '2099-01-01T00:00Z'], { STOCKPIPE_DATA_DIR: dataDir });
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(
      /^stockpipe: bad configuration: --until: 2099-01-01T00:00Z has not ended yet/,
    );
    await mkdir(join(dataDir, 'a-folder'));
    await writeFile(join(dataDir, 'a-file'), 'not a folder');
    const folder = await stockpipe(['dashboard', '--out', join(dataDir, 'a-folder')], {
      STOCKPIPE_DATA_DIR: dataDir,
    });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(
      /--out: .*a-folder is a folder; expected the path of the HTML file to write/,
    );
    // An empty value (a script's unset variable) is a mistake, not the default hour.
    for (const [args, flag] of [
      [['run', '--hour='], '--hour'],
      [['demo', '--until='], '--until'],
      [['dashboard', '--out='], '--out'],
    ] as const) {
      const empty = await stockpipe(args, { STOCKPIPE_DATA_DIR: dataDir });
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(new RegExp(`^stockpipe: bad configuration: ${flag}: .*got ""\n$`));
    }
    // Where no file can be written: the flag named, not a file system's stack. (The page is written once the
    // warehouse has been read: there is one to read.)
    await readRows(undefined, dataDir);
    const underFile = await stockpipe(['dashboard', '--out', join(dataDir, 'a-file', 'page.html')], {
      STOCKPIPE_DATA_DIR: dataDir,
    });
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toMatch(
      /^stockpipe: bad configuration: --out: cannot write .*page\.html \(E\w+\)\n$/,
    );
    // Two ways to name the period: refused together, not one of them quietly dropped.
    const both = await stockpipe(['status', '--hours', '6', '--from', '2024-12-06T00:00Z'], {
      STOCKPIPE_DATA_DIR: dataDir,
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--hours <n>' cannot be used with option '--from <iso>'/);
    const range = await stockpipe(['dashboard', '--range', 'week', '--hours', '6'], {
      STOCKPIPE_DATA_DIR: dataDir,
    });
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/option '--range <range>' cannot be used with option '--hours <n>'/);
    const unknown = await stockpipe(['dashboard', '--range', 'year'], { STOCKPIPE_DATA_DIR: dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/argument 'year' is invalid\. Allowed choices are 24h, week, month, all/);
  });

  it('takes a relative STOCKPIPE_DATA_DIR from where the user ran pnpm (INIT_CWD), not the repository root', async () => {
    const where = await tempDir('init-cwd');
    const result = await stockpipe(['run', '--hour', '2024-12-06T15:00Z', '--watchlist', 'AMZN'], {
      INIT_CWD: where,
      STOCKPIPE_DATA_DIR: 'mine',
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(where, 'mine', 'warehouse'))).toBe(true);
  });

  it('reads nothing, and makes nothing, where no warehouse is: run from the wrong folder, it says where it looked', async () => {
    const where = await tempDir('wrong-folder');
    for (const command of [['status'], ['dashboard'], ['digest'], ['analyze']]) {
      const result = await stockpipe(command, { INIT_CWD: where, STOCKPIPE_DATA_DIR: '.stockpipe' });
      expect(result.stderr).toBe(
        `stockpipe: bad configuration: STOCKPIPE_DATA_DIR: ${join(where, '.stockpipe')} holds no warehouse yet; load some hours first (pnpm demo, stockpipe run or backfill), or point STOCKPIPE_DATA_DIR at the data dir that holds them (a relative one is taken from the folder stockpipe runs in)\n`,
      );
      expect(result.code).toBe(2);
    }
    expect(await readdir(where)).toEqual([]);
  });

  it('stops quietly when the reader of its output has had enough (a pipe into head)', async () => {
    const dataDir = await tempDir('epipe');
    await readRows(undefined, dataDir); // a warehouse, empty: status has a grid to print
    const run = startStockpipe(['status', '--hours', '48', '--json'], { STOCKPIPE_DATA_DIR: dataDir });
    run.child.stdout.destroy(); // the reader goes away before the output is written
    const result = await run.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
