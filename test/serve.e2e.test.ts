import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FakeServer, type FreshDatabase, freshDatabase, startFakeServer } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logEvents, stockpipe, tempDir } from './support/cli.ts';
import { type Served, startServe } from './support/serve.ts';

// A real `stockpipe serve` on sample data, its clock read from a file the test moves: hours pass in seconds.
const WATCHLIST = 'AMZN:#Amazon,MSFT:#Microsoft';
const databases: FreshDatabase[] = [];
const running: Served[] = [];

// Comprehend as a switch: answering, refusing (a run fails at score), or slow (a run in hand for a while).
let comprehendMode: 'ok' | 'refuse' | 'slow' = 'ok';
let comprehend: FakeServer;
beforeAll(async () => {
  comprehend = await startFakeServer((_url, _request, body) => {
    if (comprehendMode === 'refuse')
      return { status: 400, body: '{"__type":"ValidationException","message":"refused for the test"}' };
    const { TextList } = JSON.parse(body) as { TextList: string[] };
    const answer = {
      ResultList: TextList.map((_, Index) => ({
        Index,
        Sentiment: 'POSITIVE',
        SentimentScore: { Positive: 0.9, Negative: 0.05, Neutral: 0.04, Mixed: 0.01 },
      })),
      ErrorList: [],
    };
    return { status: 200, body: JSON.stringify(answer), delayMs: comprehendMode === 'slow' ? 4_000 : 0 };
  });
});
afterEach(async () => {
  comprehendMode = 'ok';
  for (const served of running.splice(0)) await served.stop();
});
afterAll(async () => {
  await comprehend.close();
  for (const database of databases) await database.drop();
});

async function place(name: string, extra: Record<string, string> = {}) {
  const database = await freshDatabase(process.env.DATABASE_URL);
  databases.push(database);
  const dir = await tempDir(`serve-${name}`);
  const env = {
    STOCKPIPE_WATCHLIST: WATCHLIST,
    STOCKPIPE_DATA_DIR: join(dir, 'data'),
    DATABASE_URL: database.url,
    ...extra,
  };
  return { dir, env };
}

const withComprehend = () => ({
  STOCKPIPE_SENTIMENT: 'comprehend',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_COMPREHEND: comprehend.url,
});

async function serve(dir: string, env: Record<string, string | undefined>, at: string) {
  const served = await startServe(dir, env, at);
  running.push(served);
  return served;
}

/** The ledger as `stockpipe status --json` reads it, from a second process while serve runs. */
async function ledger(env: Record<string, string | undefined>, from: string, to: string) {
  const result = await stockpipe(['status', '--from', from, '--to', to, '--json'], env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { ticker: string; hour: string; state: string });
}

describe('stockpipe serve', () => {
  it('runs the last complete hour at start, then each scheduled hour, and once on waking', async () => {
    const { dir, env } = await place('schedule', { STOCKPIPE_DIGEST_SCHEDULE: '00:30' });
    const served = await serve(dir, env, '2024-12-06T15:30:00Z');
    await served.ranHour('2024-12-06T14:00Z');
    await served.setClock('2024-12-06T16:06:00Z');
    await served.ranHour('2024-12-06T15:00Z');
    await served.setClock('2024-12-06T17:06:00Z');
    await served.ranHour('2024-12-06T16:00Z');
    // The machine slept five hours: one run on waking, whose catch-up heals the hours it slept through.
    await served.setClock('2024-12-06T22:06:00Z');
    await served.ranHour('2024-12-06T21:00Z');

    const cells = await ledger(env, '2024-12-06T14:00Z', '2024-12-06T21:00Z');
    expect(cells.filter((c) => c.state !== 'loaded')).toEqual([]);
    expect(cells).toHaveLength(2 * 8);
    expect(await served.metrics()).toMatchObject({
      stockpipe_RunsSucceeded: 4,
      stockpipe_RunsFailed: 0,
      stockpipe_TickersLoaded: 4 * 2,
      // Every loaded ticker-hour of the ledger, own hours and healed ones.
      stockpipe_RowsLoaded: cells.length,
      stockpipe_HoursHealed: 4 * 2,
    });
    const runs = logEvents(served.cli.stdout()).filter((e) => e.msg === 'run finished');
    expect(runs.map((e) => e.hour)).toEqual([
      '2024-12-06T14',
      '2024-12-06T15',
      '2024-12-06T16',
      '2024-12-06T21',
    ]);

    // The digest fires once a day, for the day before: kept as a file, not mailed.
    await served.setClock('2024-12-07T00:40:00Z');
    await served.ranHour('2024-12-06T23:00Z');
    await served.setClock('2024-12-07T01:06:00Z');
    await served.ranHour('2024-12-07T00:00Z');
    await served.setClock('2024-12-08T00:45:00Z');
    await served.ranHour('2024-12-07T23:00Z');
    // The digest runs after the hour's run, in the same turn of the schedule.
    await served.cli.printed(/"day":"2024-12-07"[^\n]*"msg":"digest"/);
    const digests = logEvents(served.cli.stdout()).filter((e) => e.msg === 'digest');
    expect(digests.map((e) => e.day)).toEqual(['2024-12-06', '2024-12-07']);
    // The lead–lag analysis is refreshed once a day too (04:00 by default), and saved for the dashboard.
    await served.cli.printed(/"msg":"analyze"/);
    const analyses = logEvents(served.cli.stdout()).filter((e) => e.msg === 'analyze');
    expect(analyses).toHaveLength(1);
    expect(analyses[0]).toMatchObject({ tickers: 2, verdicts: { too_few_hours: 2 } });
    const kept = join(env.STOCKPIPE_DATA_DIR, 'digests');
    expect(await readdir(kept)).toEqual(['2024-12-06.txt', '2024-12-07.txt']);
    expect(await readFile(join(kept, '2024-12-06.txt'), 'utf8')).toMatch(/2024-12-06/);
    expect((await served.stop()).code).toBe(0);
  });

  it('runs nothing for an hour off the schedule', async () => {
    const { dir, env } = await place('off-schedule', { STOCKPIPE_SCHEDULE: 'market-hours' });
    // Saturday: at start, the last hour the schedule ran (Friday 15:00 in New York).
    const served = await serve(dir, env, '2024-12-07T15:30:00Z');
    await served.ranHour('2024-12-06T20:00Z');
    await served.setClock('2024-12-07T18:06:00Z');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await served.metrics()).stockpipe_RunsSucceeded).toBe(1);
    expect((await served.health()).body.nextRun).toBe('2024-12-09T15:05:00.000Z');
    // Monday 10:05 in New York: the 09:00 hour.
    await served.setClock('2024-12-09T15:06:00Z');
    await served.ranHour('2024-12-09T14:00Z');
    expect((await served.metrics()).stockpipe_RunsSucceeded).toBe(2);
  });

  it('started between an hour and its firing, runs that hour once', async () => {
    const { dir, env } = await place('early-start');
    const served = await serve(dir, env, '2024-12-06T15:02:00Z');
    await served.ranHour('2024-12-06T14:00Z');
    // The 15:05 firing means the same 14:00 hour, which has run.
    await served.setClock('2024-12-06T15:06:00Z');
    await served.cli.printed(/"hour":"2024-12-06T14:00Z"[^\n]*"msg":"hour already run"/);
    expect((await served.metrics()).stockpipe_RunsSucceeded).toBe(1);
  });

  it('says 503 on /healthz when a run fails, and 200 again after the next good one', async () => {
    const { dir, env } = await place('health', withComprehend());
    const served = await serve(dir, env, '2024-12-06T15:30:00Z');
    await served.ranHour('2024-12-06T14:00Z');
    expect((await served.health()).status).toBe(200);
    comprehendMode = 'refuse';
    await served.setClock('2024-12-06T16:06:00Z');
    const failed = await served.ranHour('2024-12-06T15:00Z');
    expect(failed).toMatchObject({ status: 'failing', lastRun: { outcome: 'failed' } });
    expect((await served.health()).status).toBe(503);
    expect(await served.metrics()).toMatchObject({ stockpipe_RunsFailed: 1, stockpipe_TickersFailed: 2 });
    comprehendMode = 'ok';
    await served.setClock('2024-12-06T17:06:00Z');
    await served.ranHour('2024-12-06T16:00Z');
    expect((await served.health()).status).toBe(200);
    // Its catch-up healed the failed hour.
    const cells = await ledger(env, '2024-12-06T14:00Z', '2024-12-06T16:00Z');
    expect(cells.every((c) => c.state === 'loaded')).toBe(true);
  });

  it('on a Saturday, its status page says the market was closed that day (issue 19.9.9)', async () => {
    const { dir, env } = await place('weekend');
    const served = await serve(dir, env, '2024-12-07T16:30:00Z');
    await served.ranHour('2024-12-07T15:00Z');
    expect(await (await fetch(`${served.pages}/status`)).text()).toMatch(
      /<p>The US market was closed on Saturday 2024-12-07 \(weekend\): those hours have posts and sentiment, but no price\.<\/p>/,
    );
  });

  it('serves pages and the warehouse, and a second serve exits naming the holder', async () => {
    const { dir, env } = await place('pages');
    const served = await serve(dir, env, '2024-12-06T15:30:00Z');
    await served.ranHour('2024-12-06T14:00Z');
    const page = await fetch(`${served.pages}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/AMZN[\s\S]*MSFT/);
    expect(await (await fetch(`${served.pages}/status`)).text()).toMatch(/stockpipe status[\s\S]*AMZN/);
    expect((await fetch(`${served.pages}/nothing`)).status).toBe(404);
    // The range chooser's links, read as the dashboard's flags are.
    const week = await fetch(`${served.pages}/?range=week`);
    expect(week.status).toBe(200);
    expect(await week.text()).toMatch(/href="\?range=month"/);
    const year = await fetch(`${served.pages}/?range=year`);
    expect(year.status).toBe(400);
    expect(await year.text()).toMatch(/range: expected/);
    if (!env.DATABASE_URL) {
      // psql's view of the embedded warehouse, while the next run writes.
      const client = new pg.Client({ connectionString: served.warehouse });
      await client.connect();
      try {
        await served.setClock('2024-12-06T16:06:00Z');
        const { rows } = await client.query('SELECT count(*)::int AS n FROM bi_stock_performance');
        expect(rows[0].n).toBeGreaterThanOrEqual(2);
        await served.ranHour('2024-12-06T15:00Z');
      } finally {
        await client.end();
      }
    }
    const again = await stockpipe(['serve', '--port', '19999', '--warehouse-port', '19998'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/serve is running on .* already: pid \d+ \(stockpipe serve/);
  });

  it('on SIGTERM finishes the run in hand, closes, frees the data dir and leaves no temp files', async () => {
    const { dir, env } = await place('sigterm', withComprehend());
    comprehendMode = 'slow';
    const served = await serve(dir, env, '2024-12-06T15:30:00Z');
    await served.cli.printed(/"stage":"extract"/);
    const stopped = await served.stop();
    running.pop();
    expect(stopped.code).toBe(0);
    expect(logEvents(served.cli.stdout()).some((e) => e.msg === 'run finished')).toBe(true);
    expect(await readdir(join(env.STOCKPIPE_DATA_DIR, 'tmp')).catch(() => [])).toEqual([]);
    // Nothing it reported loaded is lost, and the next serve takes the data dir at once.
    comprehendMode = 'ok';
    const cells = await ledger(env, '2024-12-06T14:00Z', '2024-12-06T14:00Z');
    expect(cells.map((c) => c.state)).toEqual(['loaded', 'loaded']);
    const next = await serve(dir, env, '2024-12-06T16:10:00Z');
    await next.ranHour('2024-12-06T15:00Z');
  });

  it('after kill -9 mid-run, the next serve heals the hour it lost', async () => {
    const { dir, env } = await place('kill', withComprehend());
    const served = await serve(dir, env, '2024-12-06T15:30:00Z');
    await served.ranHour('2024-12-06T14:00Z');
    comprehendMode = 'slow';
    await served.setClock('2024-12-06T16:06:00Z');
    await served.cli.printed(/"hour":"2024-12-06T15","ticker":"[A-Z]+","stage":"extract"/);
    served.cli.child.kill('SIGKILL');
    await served.cli.exited;
    running.pop();
    comprehendMode = 'ok';
    // An hour later: the new serve's run at start heals 15:00, the hour the killed run had in hand.
    const next = await serve(dir, env, '2024-12-06T17:10:00Z');
    await next.ranHour('2024-12-06T16:00Z');
    const cells = await ledger(env, '2024-12-06T14:00Z', '2024-12-06T16:00Z');
    expect(cells.map((c) => `${c.ticker} ${c.hour.slice(11, 13)} ${c.state}`)).toEqual([
      'AMZN 14 loaded',
      'AMZN 15 loaded',
      'AMZN 16 loaded',
      'MSFT 14 loaded',
      'MSFT 15 loaded',
      'MSFT 16 loaded',
    ]);
  });
});
