import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type FakeServer,
  type FakeXServer,
  type FreshDatabase,
  freshDatabase,
  html,
  startFakeXServer,
  startFakeYahooServer,
} from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEvents, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// Issue #21: each ticker-hour's post volume from X's recent counts, on live sources answered by local fakes. X
// counts the last 7 days only, and no hour that is not over: the hours here are recent ones, over a minute ago.
const HOUR_MS = 3_600_000;
const H = Math.floor((Date.now() - 60_000) / HOUR_MS) * HOUR_MS - HOUR_MS;
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');
const hour = (n: number) => iso(H - n * HOUR_MS);

let x: FakeXServer;
let yahoo: FakeServer;
const databases: FreshDatabase[] = [];

beforeAll(async () => {
  [x, yahoo] = await Promise.all([startFakeXServer({ bearerToken: 'e2e-token' }), startFakeYahooServer()]);
});
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close(), ...databases.map((d) => d.drop())]);
});

async function place(prefix: string, watchlist = 'AMZN:#Amazon,MSFT:#Microsoft') {
  const database = await freshDatabase(process.env.DATABASE_URL);
  databases.push(database);
  const dataDir = await tempDir(prefix);
  const env: Record<string, string | undefined> = {
    STOCKPIPE_SOURCE: 'live',
    STOCKPIPE_WATCHLIST: watchlist,
    STOCKPIPE_DATA_DIR: dataDir,
    X_BEARER_TOKEN: 'e2e-token',
    X_API_BASE_URL: x.url,
    YAHOO_FINANCE_BASE_URL: yahoo.url,
    DATABASE_URL: database.url,
  };
  return { env, dataDir, database };
}

/** What `server` was asked since `before` requests: its counts requests and searches. */
const since = (server: FakeServer, before: number) => {
  const asked = server.requests.slice(before).map((r) => r.url);
  return {
    counts: asked.filter((u) => u.pathname === '/2/tweets/counts/recent'),
    searches: asked.filter((u) => u.pathname.startsWith('/2/tweets/search/')),
  };
};
const volumes = async (place: { database: FreshDatabase; dataDir: string }) =>
  Object.fromEntries(
    (await readRows(place.database.url, place.dataDir)).map((r) => [
      `${r.ticker} ${iso(r.hourStart.getTime())}`,
      r.postVolume,
    ]),
  );

describe('stockpipe run, replay and the budget with X’s post counts', () => {
  let run: Awaited<ReturnType<typeof place>>;
  beforeAll(async () => {
    run = await place('volume-run');
  });

  it('loads the hour with a null volume when the counts do not read, logs why once per ticker, and exits 0', async () => {
    const stop = x.hostile((url) => url.pathname === '/2/tweets/counts/recent', html);
    try {
      const result = await stockpipe(['run', '--hour', hour(3)], run.env);
      expect(result.stderr).toMatch(/stockpipe succeeded: .*, 2\/2 tickers loaded/);
      expect(result.code).toBe(0);
      const warned = logEvents(result.stdout).filter((e) => e.msg === 'volume not counted');
      expect(warned.map((e) => [e.ticker, e.reason])).toEqual([
        ['AMZN', expect.stringMatching(/AMZN counts response is not JSON/)],
        ['MSFT', expect.stringMatching(/MSFT counts response is not JSON/)],
      ]);
    } finally {
      stop();
    }
    expect(await volumes(run)).toEqual({ [`AMZN ${hour(3)}`]: null, [`MSFT ${hour(3)}`]: null });
    // The body that did not read is set aside with its reason, not staged.
    const folder = join(run.dataDir, 'raw/x/recent-counts/ticker=AMZN');
    const [aside] = await readdir(folder);
    expect(await readFile(join(folder, aside as string, 'rejected.reason.txt'), 'utf8')).toMatch(/not JSON/);
  });

  it('makes one counts request per ticker for its own hour and the hours it heals, and fills their volume', async () => {
    const before = x.requests.length;
    const result = await stockpipe(['run', '--hour', hour(0)], run.env);
    expect(result.code).toBe(0);
    const { counts } = since(x, before);
    expect(counts.map((u) => [u.searchParams.get('query'), u.searchParams.get('start_time')])).toEqual(
      expect.arrayContaining([
        ['(#Amazon) -is:retweet', new Date(H - 2 * HOUR_MS).toISOString()],
        ['(#Microsoft) -is:retweet', new Date(H - 2 * HOUR_MS).toISOString()],
      ]),
    );
    expect(counts).toHaveLength(2);
    const byHour = await volumes(run);
    for (const ticker of ['AMZN', 'MSFT']) {
      expect(byHour[`${ticker} ${hour(3)}`]).toBeNull();
      for (const n of [2, 1, 0]) expect(byHour[`${ticker} ${hour(n)}`]).toBeGreaterThan(100);
    }
    // The body is staged as X sent it, under the newest hour it counts.
    const url = counts[0] as URL;
    const last = new Date(Date.parse(url.searchParams.get('end_time') as string) - HOUR_MS);
    const ticker = url.searchParams.get('query')?.includes('Amazon') ? 'AMZN' : 'MSFT';
    const staged = await readFile(
      join(
        run.dataDir,
        `raw/x/recent-counts/ticker=${ticker}/hour=${last.toISOString().slice(0, 13)}/response.json`,
      ),
      'utf8',
    );
    const again = await fetch(`${x.url}${url.pathname}${url.search}`, {
      headers: { authorization: 'Bearer e2e-token' },
    });
    expect(staged).toBe(await again.text());
  });

  it('asks X nothing when run again: posts and counts are staged', async () => {
    const before = x.requests.length;
    const rows = await volumes(run);
    const result = await stockpipe(['run', '--hour', hour(0)], run.env);
    expect(result.code).toBe(0);
    expect(since(x, before)).toEqual({ counts: [], searches: [] });
    expect(await volumes(run)).toEqual(rows);
  });

  it('asks no count once the month’s X budget is spent: the hour loads from its staged posts, its volume null', async () => {
    const spent = await startFakeXServer({ bearerToken: 'e2e-token', usage: { projectUsage: 45_000 } });
    try {
      const result = await stockpipe(['run', '--hour', hour(3), '--no-catch-up'], {
        ...run.env,
        X_API_BASE_URL: spent.url,
      });
      expect(result.code).toBe(0);
      expect(spent.requests.map((r) => r.url.pathname)).toEqual(['/2/usage/tweets']);
      const events = logEvents(result.stdout);
      expect(events.find((e) => e.stage === 'x-usage')).toMatchObject({ budgetReached: true });
      expect(events.filter((e) => e.msg === 'volume not counted').map((e) => [e.ticker, e.reason])).toEqual([
        ['AMZN', 'X budget reached'],
        ['MSFT', 'X budget reached'],
      ]);
    } finally {
      await spent.close();
    }
    expect((await volumes(run))[`AMZN ${hour(3)}`]).toBeNull();
  });

  it('replays the volume from the staged counts alone into a new warehouse, with no request', async () => {
    const rebuilt = await place('volume-replay');
    await cp(join(run.dataDir, 'raw'), join(rebuilt.dataDir, 'raw'), { recursive: true });
    const before = x.requests.length + yahoo.requests.length;
    const result = await stockpipe(['replay', '--from', hour(3), '--to', hour(0)], rebuilt.env);
    expect(result.stdout).toMatch(/replay done: 8 ticker-hours replayed/);
    expect(result.code).toBe(0);
    expect(x.requests.length + yahoo.requests.length).toBe(before);
    expect(await volumes(rebuilt)).toEqual(await volumes(run));
  });
});

describe('stockpipe backfill and plan with X’s post counts', () => {
  it('backfills 8 days of 2 tickers with a counts request per ticker, not one per batch; older hours keep none', async () => {
    const backfill = await place('volume-backfill', 'NVDA:#Nvidia,TSLA:#Tesla');
    const env = { ...backfill.env, X_SEARCH: 'all' };
    const range = ['--from', hour(8 * 24 - 1), '--to', hour(0)];
    const dry = await stockpipe(['backfill', ...range, '--dry-run'], env);
    expect(dry.stdout).toMatch(/8 days|192 hours × 2 tickers = 384 ticker-hours/);
    expect(dry.stdout).toMatch(/post volume \(X counts\)\s+2 requests at most/);
    const beyond = /volume beyond X counts\s+(\d+) \(older than 7 days/.exec(dry.stdout);
    expect(Number(beyond?.[1])).toBeGreaterThanOrEqual(2 * 23);

    const before = x.requests.length;
    const result = await stockpipe(['backfill', ...range, '--yes'], env);
    expect(result.stdout).toMatch(/backfill done: 384 of 384 ticker-hours loaded, 0 failed/);
    expect(result.code).toBe(0);
    const { counts, searches } = since(x, before);
    expect(searches).toHaveLength(384);
    expect(counts.length).toBeGreaterThanOrEqual(2);
    expect(counts.length).toBeLessThanOrEqual(4);

    const rows = await readRows(backfill.database.url, backfill.dataDir);
    expect(rows).toHaveLength(384);
    const weekAgo = Date.now() - 7 * 24 * HOUR_MS;
    const counted = rows.filter((r) => r.postVolume !== null);
    // Every hour X still counts has its volume; none older than its 7 days does.
    expect(counted.every((r) => r.hourStart.getTime() >= weekAgo)).toBe(true);
    expect(rows.filter((r) => r.hourStart.getTime() >= weekAgo + HOUR_MS && r.postVolume === null)).toEqual(
      [],
    );
    expect(rows.length - counted.length).toBe(Number(beyond?.[1]));
  });

  it('plan prints the counts line: a request per ticker a run', async () => {
    const result = await stockpipe(['plan'], {
      STOCKPIPE_SOURCE: 'live',
      X_BEARER_TOKEN: 'unused',
      STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,MSFT:#Microsoft',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^X post counts +2 tickers × 730 runs × 1 request × \$0\.005 +\$7\.30$/m);
  });
});
