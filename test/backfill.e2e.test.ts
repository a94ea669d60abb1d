import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type FakeServer,
  type FakeXServer,
  type FreshDatabase,
  freshDatabase,
  startFakeXServer,
  startFakeYahooServer,
} from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStockpipe, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// Backfills on live sources answered by local fakes. X recent search reaches 7 days back, so the hours are recent.
const HOUR_MS = 3_600_000;
const lastHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');
const hoursAgo = (n: number) => iso(lastHour - n * HOUR_MS);
const WATCHLIST = 'AMZN:#Amazon,MSFT:#Microsoft';

let x: FakeXServer;
let paced: FakeXServer;
let yahoo: FakeServer;
const databases: FreshDatabase[] = [];

beforeAll(async () => {
  [x, paced, yahoo] = await Promise.all([
    startFakeXServer({ bearerToken: 'e2e-token' }),
    // X's window scaled down: 5 searches every 2 seconds.
    startFakeXServer({ bearerToken: 'e2e-token', rateLimit: { perWindow: 5, windowSeconds: 2 } }),
    startFakeYahooServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([x.close(), paced.close(), yahoo.close(), ...databases.map((d) => d.drop())]);
});

async function place(prefix: string, xUrl = x.url) {
  const database = await freshDatabase(process.env.DATABASE_URL);
  databases.push(database);
  const dataDir = await tempDir(prefix);
  const env: Record<string, string | undefined> = {
    STOCKPIPE_SOURCE: 'live',
    STOCKPIPE_WATCHLIST: WATCHLIST,
    STOCKPIPE_DATA_DIR: dataDir,
    X_BEARER_TOKEN: 'e2e-token',
    X_API_BASE_URL: xUrl,
    YAHOO_FINANCE_BASE_URL: yahoo.url,
    DATABASE_URL: database.url,
  };
  return { env, dataDir, database };
}

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const withoutRun = <T extends { runId: string }>(rows: T[]) => rows.map(({ runId: _, ...row }) => row);

describe('stockpipe backfill', () => {
  it('prints the plan and its X cost on a dry run, and makes no request at all', async () => {
    const { env, dataDir } = await place('dry');
    const asked = x.requests.length + yahoo.requests.length;
    const dry = await stockpipe(['backfill', '--from', hoursAgo(9), '--to', hoursAgo(0), '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/10 hours × 2 tickers = 20 ticker-hours/);
    expect(dry.stdout).toMatch(/to fetch\s+20 /);
    expect(dry.stdout).toMatch(/post volume \(X counts\)\s+2 requests at most \(one per ticker/);
    expect(dry.stdout).toMatch(
      /estimated X cost\s+up to \$1\.01 \(20 searches × 10 posts × \$0\.005 \+ 2 counts × \$0\.005\)/,
    );
    expect(x.requests.length + yahoo.requests.length).toBe(asked);
    expect(existsSync(join(dataDir, 'raw'))).toBe(false);
  });

  it('refuses each hour beyond X recent search’s 7 days by name, and exits 1', async () => {
    const { env } = await place('beyond');
    const old = hoursAgo(8 * 24 + 12);
    const result = await stockpipe(['backfill', '--from', old, '--to', hoursAgo(8 * 24)], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/0 of 0 ticker-hours loaded, 0 failed, 26 refused/);
    expect(result.stdout).toContain(`  AMZN ${old.slice(0, 13)}:00Z: beyond X recent search's 7 days`);
    expect(result.stdout).not.toContain('[object Object]');
    // The first 20 by name, the rest counted: the summary does not grow with the range.
    expect(result.stdout.match(/: beyond X recent search's 7 days/g)).toHaveLength(20);
    expect(result.stdout).toContain("  … and 6 more beyond X's reach");
  });

  it('loads the range, then a second backfill of it asks X nothing', async () => {
    const { env, dataDir, database } = await place('twice');
    const first = await stockpipe(['backfill', '--from', hoursAgo(5), '--to', hoursAgo(0)], env);
    expect(first.stdout).toMatch(/backfill done: 12 of 12 ticker-hours loaded, 0 failed/);
    expect(first.code).toBe(0);
    expect(jsonLines(first.stdout).filter((l) => l.stage === 'backfill')).toHaveLength(6); // a line per hour
    expect(await readRows(database.url, dataDir)).toHaveLength(12);

    const asked = x.requests.length;
    const second = await stockpipe(['backfill', '--from', hoursAgo(5), '--to', hoursAgo(0)], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already loaded\s+12 /);
    expect(x.requests.length).toBe(asked);
    // Forced, it redoes them from what is staged: still no X request.
    const forced = await stockpipe(['backfill', '--from', hoursAgo(5), '--to', hoursAgo(0), '--force'], env);
    expect(forced.stdout).toMatch(/from the raw store\s+12 /);
    expect(x.requests.length).toBe(asked);
  });

  it('waits out X’s request window instead of hammering it', async () => {
    const { env } = await place('paced', paced.url);
    const result = await stockpipe(['backfill', '--from', hoursAgo(5), '--to', hoursAgo(0)], env);
    expect(result.stdout).toMatch(/backfill done: 12 of 12 ticker-hours loaded, 0 failed/);
    expect(result.code).toBe(0);
    expect(paced.overLimit()).toBe(0);
    expect(jsonLines(result.stdout).some((l) => typeof l.waitingForX === 'string')).toBe(true);
  });

  it('killed midway, converges when run again to the rows of an uninterrupted backfill', async () => {
    // 2 tickers × 150 hours: two batches (125 hours, then 25).
    const range = ['--from', hoursAgo(149), '--to', hoursAgo(0), '--yes'];
    const killed = await place('killed');
    const run = startStockpipe(['backfill', ...range], killed.env);
    await run.printed(/"stage":"backfill"/); // the first batch is in
    run.child.kill('SIGKILL');
    await run.exited;
    const resumed = await stockpipe(['backfill', ...range], killed.env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/already loaded\s+250 /);

    const whole = await place('whole');
    expect((await stockpipe(['backfill', ...range], whole.env)).code).toBe(0);
    const rows = withoutRun(await readRows(killed.database.url, killed.dataDir));
    expect(rows).toHaveLength(300);
    expect(rows).toEqual(withoutRun(await readRows(whole.database.url, whole.dataDir)));
  });

  it('on sample data, its plan and outcome speak of no X search, window or refusal it will never meet', async () => {
    const dataDir = await tempDir('sample');
    const result = await stockpipe(
      ['backfill', '--from', '2024-12-02T14:00Z', '--to', '2024-12-02T16:00Z', '--watchlist', 'AMZN'],
      { STOCKPIPE_DATA_DIR: dataDir },
    );
    expect(result.stdout).toMatch(/to make +\d+ \(from the sample source: no request, nothing spent\)/);
    expect(result.stdout).toMatch(/backfill done: \d+ of \d+ ticker-hours loaded, 0 failed, 0 busy/);
    expect(result.stdout).not.toMatch(/\bX\b|search|window|refused/);
    expect(result.code).toBe(0);
  });

  it('refuses bad ranges with exit 2, touching nothing', async () => {
    const { env, dataDir } = await place('bad');
    const cases: [string[], RegExp][] = [
      [['--from', hoursAgo(1), '--to', hoursAgo(3)], /--from: .* is after --to/],
      [['--from', '2026-11-28T10:30Z', '--to', hoursAgo(0)], /--from: expected a whole UTC hour/],
      [['--from', hoursAgo(1), '--to', iso(lastHour + 3 * HOUR_MS)], /--to: .* has not ended yet/],
      [['--from', '2024-01-01T00:00Z', '--to', hoursAgo(0)], /ticker-hours is over 10,000; add --yes/],
    ];
    for (const [args, message] of cases) {
      const result = await stockpipe(['backfill', ...args], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    // Off a terminal, a plan over $1 needs --yes.
    const costly = await stockpipe(['backfill', '--from', hoursAgo(19), '--to', hoursAgo(0)], env);
    expect(costly.code).toBe(2);
    // 40 searches of 10 posts, and a counts request per ticker.
    expect(costly.stderr).toMatch(/--yes: the plan may cost up to \$2\.01 on X/);
    expect(existsSync(join(dataDir, 'raw'))).toBe(false);
  });
});
