import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type FakeServer,
  type FakeXServer,
  type FreshDatabase,
  freshDatabase,
  startFakeComprehend,
  startFakeXServer,
  startFakeYahooServer,
} from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEvents, startStockpipe, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// An outage of X healed by the next run, the ledger's grid, and replays from the raw store: on live sources answered
// by local fakes, so every request can be counted.
const at = (h: number) => `2024-12-06T${String(h).padStart(2, '0')}:00Z`; // a Friday, New York open
const WATCHLIST = 'AMZN:#Amazon,MSFT:#Microsoft';

let xDown = false;
let x: FakeXServer;
let yahoo: FakeServer;
let comprehend: Awaited<ReturnType<typeof startFakeComprehend>>;
const databases: FreshDatabase[] = [];

beforeAll(async () => {
  [x, yahoo, comprehend] = await Promise.all([
    // Down for 15:00 and 16:00 while the outage lasts: searches of those hours are answered 503.
    startFakeXServer({
      bearerToken: 'e2e-token',
      down: (hour) => xDown && [15, 16].includes(hour.getUTCHours()),
    }),
    startFakeYahooServer(),
    startFakeComprehend(),
  ]);
});
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close(), comprehend.close(), ...databases.map((d) => d.drop())]);
});

async function place(prefix: string) {
  const database = await freshDatabase(process.env.DATABASE_URL);
  databases.push(database);
  const dataDir = await tempDir(prefix);
  return {
    dataDir,
    database,
    env: {
      STOCKPIPE_SOURCE: 'live',
      STOCKPIPE_WATCHLIST: WATCHLIST,
      STOCKPIPE_DATA_DIR: dataDir,
      X_BEARER_TOKEN: 'e2e-token',
      X_API_BASE_URL: x.url,
      YAHOO_FINANCE_BASE_URL: yahoo.url,
      DATABASE_URL: database.url,
    } as Record<string, string | undefined>,
  };
}

const withoutRun = <T extends { runId: string }>(rows: T[]) => rows.map(({ runId: _, ...row }) => row);

describe('an outage of X, healed by the next run', () => {
  it('heals the hours X was down for, reports them, and leaves the rows a run without the outage leaves', async () => {
    const { env, dataDir, database } = await place('outage');
    expect((await stockpipe(['run', '--hour', at(14)], env)).code).toBe(0);
    xDown = true;
    expect((await stockpipe(['run', '--hour', at(15)], env)).code).toBe(1);
    const third = await stockpipe(['run', '--hour', at(16)], env);
    expect(third.code).toBe(1);
    expect(logEvents(third.stdout).find((e) => e.msg === 'catch-up planned')).toMatchObject({
      hours: ['2024-12-06T15'],
    });
    xDown = false;

    const healing = await stockpipe(['run', '--hour', at(17)], env);
    expect(healing.code).toBe(0);
    expect(healing.stderr).toMatch(/2\/2 tickers loaded, 4 earlier healed/);
    expect(healing.stderr).toMatch(/AMZN\s+2024-12-06T15:00Z loaded/);
    expect(healing.stderr).toMatch(/MSFT\s+2024-12-06T16:00Z loaded/);

    const status = await stockpipe(['status', '--from', at(14), '--to', at(17), '--json'], env);
    const cells = status.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(cells).toHaveLength(8);
    expect(cells.every((c) => c.state === 'loaded')).toBe(true);
    expect(cells.find((c) => c.ticker === 'AMZN' && c.hour === '2024-12-06T15:00:00.000Z').attempts).toBe(3);

    const calm = await place('calm');
    for (const h of [14, 15, 16, 17])
      expect((await stockpipe(['run', '--hour', at(h)], calm.env)).code).toBe(0);
    expect(withoutRun(await readRows(database.url, dataDir))).toEqual(
      withoutRun(await readRows(calm.database.url, calm.dataDir)),
    );
  });
});

describe('a rerun of an hour the warehouse never heard of', () => {
  it('loads it from the bodies the first run staged: no second payment to X', async () => {
    const { env } = await place('rerun');
    // The first run stages its bodies, then cannot reach the warehouse: no ledger record, no row.
    const unreachable = await stockpipe(['run', '--hour', at(19)], {
      ...env,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere',
    });
    expect(unreachable.code).toBe(1);
    const searches = x.requests.length;
    const rerun = await stockpipe(['run', '--hour', at(19), '--no-catch-up'], env);
    expect(rerun.code).toBe(0);
    expect(x.requests.length).toBe(searches);
  });
});

describe('stockpipe replay', () => {
  it('rebuilds the rows from the raw store alone: no request, the same rows, run id included', async () => {
    const { env, dataDir, database } = await place('replay');
    expect((await stockpipe(['run', '--hour', at(18)], env)).code).toBe(0);
    const before = await readRows(database.url, dataDir);
    const asked = x.requests.length + yahoo.requests.length;

    const replay = await stockpipe(['replay', '--from', at(18), '--to', at(18)], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/replay done: 2 ticker-hours replayed, 0 rows changed, 0 failed/);
    expect(x.requests.length + yahoo.requests.length).toBe(asked);
    expect(await readRows(database.url, dataDir)).toEqual(before);

    // Another scorer: Comprehend (a local fake of it) scores the same staged posts; only sentiment moves.
    const byComprehend = await stockpipe(['replay', '--from', at(18), '--to', at(18)], {
      ...env,
      STOCKPIPE_SENTIMENT: 'comprehend',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_COMPREHEND: comprehend.url,
    });
    expect(byComprehend.stdout).toMatch(/replay done: 2 ticker-hours replayed, 2 rows changed, 0 failed/);
    expect(x.requests.length + yahoo.requests.length).toBe(asked);
    const after = await readRows(database.url, dataDir);
    const SENTIMENT = [
      'sentimentScore',
      'sentimentLabel',
      'majorityLabel',
      'sentimentWeight',
      'scoredCount',
      'positiveCount',
      'negativeCount',
      'neutralCount',
      'mixedCount',
      'runId',
    ];
    const rest = (rows: typeof before) =>
      rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !SENTIMENT.includes(k))));
    expect(rest(after)).toEqual(rest(before));
    expect(after.map((r) => r.sentimentScore)).not.toEqual(before.map((r) => r.sentimentScore));
  });

  it('lists the ticker-hours whose body is not staged, and guesses nothing for them', async () => {
    const { env, dataDir } = await place('replay-missing');
    expect((await stockpipe(['run', '--hour', at(19)], env)).code).toBe(0);
    await rm(join(dataDir, 'raw/x/recent-search/ticker=MSFT/hour=2024-12-06T19/response.json'));
    const replay = await stockpipe(['replay', '--from', at(19), '--to', at(19)], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/1 ticker-hour replayed/);
    expect(replay.stdout).toMatch(
      /MSFT: 1 hour with no staged body, between 2024-12-06T19:00Z and 2024-12-06T19:00Z/,
    );
  });
});

// On a server the hour lock is a PostgreSQL advisory lock: the test holds it as the compliance check would.
describe.skipIf(!process.env.DATABASE_URL)('replay beside the compliance check', () => {
  it('reads again an hour whose body compliance rewrote between its read ahead and its lock', async () => {
    const { env, dataDir, database } = await place('replay-race');
    expect((await stockpipe(['run', '--hour', at(20), '--no-catch-up'], env)).code).toBe(0);
    const body = join(dataDir, 'raw/x/recent-search/ticker=AMZN/hour=2024-12-06T20/response.json');
    const search = JSON.parse(await readFile(body, 'utf8'));
    const removed = search.data[0].id as string;

    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    const hourNumber = Date.parse('2024-12-06T20:00:00Z') / 3_600_000;
    await locker.query('SELECT pg_advisory_lock($1, $2)', [0x5354_4b50, hourNumber]);
    const replay = startStockpipe(['replay', '--from', at(20), '--to', at(20), '--watchlist', 'AMZN'], {
      ...env,
      STOCKPIPE_LOCK_WAIT_SECONDS: '60',
    });
    try {
      await replay.printed(/^replay 2024-12-06T20:00Z/m);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // it reads the hour ahead, then waits for it
      // What compliance does while it holds the hour: the body without the post, and its redaction record.
      search.data = search.data.filter((post: { id: string }) => post.id !== removed);
      search.meta.result_count = search.data.length;
      await writeFile(body, JSON.stringify(search));
      await writeFile(body.replace('response.json', 'redactions.json'), JSON.stringify([{ id: removed }]));
    } finally {
      await locker.query('SELECT pg_advisory_unlock($1, $2)', [0x5354_4b50, hourNumber]);
      await locker.end();
    }
    const result = await replay.exited;
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/had posts removed by compliance/);
    const reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
    try {
      const { rows } = await reader.query(
        `SELECT post_id FROM stock_top_posts WHERE ticker = 'AMZN' AND hour_start = '2024-12-06T20:00Z'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.post_id)).not.toContain(removed);
    } finally {
      await reader.end();
    }
    const documents = await readFile(
      join(dataDir, 'documents/posts/ticker=AMZN/hour=2024-12-06T20.json'),
      'utf8',
    );
    expect(documents).not.toContain(removed);
  });
  it('names the hours another process held as busy, not as missing, and exits 1', async () => {
    const { env } = await place('replay-busy');
    for (const h of [21, 22])
      expect((await stockpipe(['run', '--hour', at(h), '--no-catch-up'], env)).code).toBe(0);
    const locker = new pg.Client({ connectionString: env.DATABASE_URL });
    await locker.connect();
    const hourNumber = Date.parse('2024-12-06T22:00:00Z') / 3_600_000;
    await locker.query('SELECT pg_advisory_lock($1, $2)', [0x5354_4b50, hourNumber]);
    try {
      const result = await stockpipe(['replay', '--from', at(21), '--to', at(22), '--watchlist', 'AMZN'], {
        ...env,
        STOCKPIPE_LOCK_WAIT_SECONDS: '0',
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/replay done: 1 ticker-hour replayed/);
      expect(result.stdout).toMatch(/AMZN: 1 hour busy \(another run or the compliance check held them/);
      expect(result.stdout).not.toMatch(/no staged body/);
    } finally {
      await locker.end();
    }
  });
});
