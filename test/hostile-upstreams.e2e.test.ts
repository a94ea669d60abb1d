import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AnswerChange,
  drip,
  edited,
  escapes,
  type FakeServer,
  type FakeXServer,
  type FreshDatabase,
  freshDatabase,
  html,
  junk,
  oversize,
  startFakeXServer,
  startFakeYahooServer,
  truncated,
} from '@stockpipe/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logEvents, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// Issue #20: a fake X and Yahoo answering badly on purpose for one ticker, beside healthy ones. Each test names the
// finding it holds.
const WATCHLIST = 'AMZN:#Amazon,MSFT:#Microsoft';
const HOUR = '2024-12-06T20:00Z'; // a Friday, the market open

let x: FakeXServer;
let yahoo: FakeServer;
const databases: FreshDatabase[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  [x, yahoo] = await Promise.all([startFakeXServer({ bearerToken: 'e2e-token' }), startFakeYahooServer()]);
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close(), ...databases.map((d) => d.drop())]);
});

const searchFor = (hashtag: string) => (url: URL) =>
  url.pathname.startsWith('/2/tweets/search/') && (url.searchParams.get('query') ?? '').includes(hashtag);
const chartOf = (ticker: string) => (url: URL) => url.pathname === `/v8/finance/chart/${ticker}`;
const hurt = (server: FakeServer, when: (url: URL) => boolean, change: AnswerChange) =>
  stops.push(server.hostile(when, change));

/** A data dir and database of the test's own, on live sources answered by the fakes. */
async function place(prefix: string, more: Record<string, string> = {}) {
  const database = await freshDatabase(process.env.DATABASE_URL);
  databases.push(database);
  const dataDir = await tempDir(prefix);
  return {
    dataDir,
    database,
    rows: () => readRows(database.url, dataDir),
    env: {
      STOCKPIPE_SOURCE: 'live',
      STOCKPIPE_WATCHLIST: WATCHLIST,
      STOCKPIPE_DATA_DIR: dataDir,
      X_BEARER_TOKEN: 'e2e-token',
      X_API_BASE_URL: x.url,
      YAHOO_FINANCE_BASE_URL: yahoo.url,
      // Full-archive search: backfill reaches the test's hours, older than recent search's 7 days.
      X_SEARCH: 'all',
      DATABASE_URL: database.url,
      ...more,
    } as Record<string, string | undefined>,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a response body, reached into by the test
type Json = Record<string, any>;
const quoteOf = (json: Json) => json.chart.result[0].indicators.quote[0];

describe('#20.1 one bad value fails one ticker, not the batch', () => {
  it('fails the tickers whose values the tables cannot hold at transform, naming the value, and loads the others', async () => {
    const { env, rows } = await place('bad-values');
    hurt(
      yahoo,
      chartOf('MSFT'),
      edited((json: Json) => {
        quoteOf(json).volume[0] = -1e20;
      }),
    );
    hurt(
      yahoo,
      chartOf('TSLA'),
      edited((json: Json) => {
        quoteOf(json).close[0] = 2e10;
      }),
    );
    hurt(
      x,
      searchFor('#Nvidia'),
      edited((json: Json) => {
        json.data[0].public_metrics.like_count = 3_000_000_000;
      }),
    );
    const result = await stockpipe(
      ['run', '--hour', HOUR, '--watchlist', 'AMZN:#Amazon,MSFT:#Microsoft,TSLA:#Tesla,NVDA:#Nvidia'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AMZN +7 posts/);
    expect(result.stderr).toMatch(/MSFT +FAILED at transform: .*volume/);
    expect(result.stderr).toMatch(/TSLA +FAILED at transform: .*close/);
    expect(result.stderr).toMatch(/NVDA +FAILED at transform: .*like_count/);
    expect((await rows()).map((r) => r.ticker)).toEqual(['AMZN']);
  });
});

describe('#20.2 nothing waits without a bound', () => {
  it('ends a run whose X answer drips at the run budget: the healthy ticker loads, the other fails with the budget', async () => {
    const { env, rows } = await place('drip', { STOCKPIPE_RUN_BUDGET_SECONDS: '30' });
    hurt(x, searchFor('#Microsoft'), drip({ everyMs: 5_000 }));
    const result = await stockpipe(['run', '--hour', HOUR], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AMZN +7 posts/);
    expect(result.stderr).toMatch(/MSFT +FAILED at extract: .*run budget/);
    expect((await rows()).map((r) => r.ticker)).toEqual(['AMZN']);
    const status = await stockpipe(['status', '--from', HOUR, '--to', HOUR, '--json'], env);
    expect(status.stdout).toMatch(/"ticker":"MSFT"[^}]*"state":"failed"/);
  });
});

describe('#20.3 a bad body is never kept as if good', () => {
  const bodyOf = (dataDir: string, ticker: string, hour = '2024-12-06T20') =>
    join(dataDir, `raw/x/recent-search/ticker=${ticker}/hour=${hour}/response.json`);
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );

  it.each([
    ['cut after 200 bytes', truncated(200), ['run', '--hour', '2024-12-06T21:00Z'], /not JSON/],
    ['HTML', html, ['backfill', '--from', HOUR, '--to', HOUR, '--retry-failed'], /not JSON/],
    ['junk', junk, ['backfill', '--from', HOUR, '--to', HOUR, '--force'], /not JSON/],
  ])(
    'sets aside a 200 %s with its reason, and the next attempt asks X again and heals',
    async (_, change, heal, why) => {
      const { env, dataDir, rows } = await place('bad-body');
      const stop = x.hostile(searchFor('#Microsoft'), change);
      const first = await stockpipe(['run', '--hour', HOUR], env);
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(new RegExp(`MSFT +FAILED at transform: .*${why.source}`));
      expect(await exists(bodyOf(dataDir, 'MSFT'))).toBe(false);
      const folder = join(dataDir, 'raw/x/recent-search/ticker=MSFT/hour=2024-12-06T20');
      const aside = (await readdir(folder)).filter((f) => f.startsWith('rejected'));
      expect(aside.length).toBeGreaterThan(0);
      expect(
        await readFile(join(folder, aside.find((f) => f.endsWith('.reason.txt')) as string), 'utf8'),
      ).toMatch(why);
      stop();
      const asked = x.requests.length;
      const again = await stockpipe(heal, env);
      expect(again.stderr + again.stdout).not.toMatch(/Unterminated|not JSON/);
      expect(x.requests.length).toBeGreaterThan(asked);
      const loaded = (await rows()).filter((r) => r.hourStart.toISOString() === '2024-12-06T20:00:00.000Z');
      expect(loaded.map((r) => r.ticker)).toEqual(['AMZN', 'MSFT']);
      expect(await exists(bodyOf(dataDir, 'MSFT'))).toBe(true);
    },
  );
});

describe('#20.6 memory is bounded by what a body may be', () => {
  it('fails a ticker whose answer is larger than the cap, reading no more than the cap, and keeps nothing of it', async () => {
    const { env, dataDir, rows } = await place('oversize');
    hurt(x, searchFor('#Microsoft'), oversize(50 * 1024 * 1024));
    hurt(yahoo, chartOf('TSLA'), oversize(50 * 1024 * 1024));
    const result = await stockpipe(
      ['run', '--hour', HOUR, '--watchlist', 'AMZN:#Amazon,MSFT:#Microsoft,TSLA:#Tesla'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MSFT +FAILED at extract: MSFT: X sent more than 4 MB/);
    expect(result.stderr).toMatch(/TSLA +FAILED at extract: Yahoo sent more than 4 MB/);
    expect((await rows()).map((r) => r.ticker)).toEqual(['AMZN']);
    const files = await readdir(join(dataDir, 'raw'), { recursive: true, withFileTypes: true });
    const sizes = await Promise.all(
      files.filter((f) => f.isFile()).map((f) => stat(join(f.parentPath, f.name)).then((s) => s.size)),
    );
    expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
    const finished = logEvents(result.stdout).find((e) => e.msg === 'run finished');
    expect(finished?.peakRssMb).toBeLessThan(450);
  });
});

describe('#20.8 upstream text is shown without its control characters', () => {
  it('prints a reason X sent with terminal escapes and a line break of its own as one plain line, in the summary and status', async () => {
    const { env } = await place('escapes');
    hurt(x, searchFor('#Microsoft'), escapes(400));
    const result = await stockpipe(['run', '--hour', HOUR], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MSFT +FAILED at extract: MSFT: X answered 400: BadRequest: nope/);
    const status = await stockpipe(['status', '--from', HOUR, '--to', HOUR], env);
    for (const printed of [result.stderr, status.stdout]) {
      expect(printed).toMatch(/nope/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be there
      expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(printed).not.toMatch(/^AMZN +10 posts/m);
    }
  });
});
