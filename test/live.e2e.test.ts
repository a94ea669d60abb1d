import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type FakeServer,
  type FakeXServer,
  type FreshDatabase,
  freshDatabase,
  startFakeSecretsManager,
  startFakeXServer,
  startFakeYahooServer,
} from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// X and Yahoo answered by local servers; the CLI reaches them only through X_API_BASE_URL and YAHOO_FINANCE_BASE_URL.
let x: FakeXServer;
let yahoo: FakeServer;
let database: FreshDatabase;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  [x, yahoo, database] = await Promise.all([
    startFakeXServer({ bearerToken: 'e2e-token' }),
    startFakeYahooServer(),
    freshDatabase(process.env.DATABASE_URL),
  ]);
  env = {
    STOCKPIPE_SOURCE: 'live',
    STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,MSFT:#Microsoft',
    STOCKPIPE_DATA_DIR: await tempDir('live'),
    X_BEARER_TOKEN: 'e2e-token',
    X_API_BASE_URL: x.url,
    YAHOO_FINANCE_BASE_URL: yahoo.url,
    DATABASE_URL: database.url,
  };
});
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close(), database.drop()]);
});

describe('stockpipe run with STOCKPIPE_SOURCE=live', () => {
  it('loads a row per ticker with the posts’ sentiment and the hour’s close', async () => {
    const result = await stockpipe(['run', '--hour', '2024-12-06T20:00Z'], env);
    expect(result.stderr).toMatch(/stockpipe succeeded: 2024-12-06T20:00Z, 2\/2 tickers loaded/);
    expect(result.code).toBe(0);

    const rows = await readRows(database.url, env.STOCKPIPE_DATA_DIR as string);
    expect(rows.map((r) => r.ticker)).toEqual(['AMZN', 'MSFT']);
    for (const row of rows) {
      expect(row).toMatchObject({ postCount: 7, marketClosed: false, candleInterval: '1h' });
      expect(row.scoredCount).toBe(4); // the English posts; Japanese, Spanish and a bare link stay unscored
      expect(row.sentimentScore).toBeGreaterThan(0);
      expect(row.close).toBeGreaterThan(100);
    }
    // The tickers' bodies are staged as the servers sent them, at their keys.
    const staged = await readFile(
      join(
        env.STOCKPIPE_DATA_DIR as string,
        'raw/x/recent-search/ticker=AMZN/hour=2024-12-06T20/response.json',
      ),
      'utf8',
    );
    const search = x.requests.find((r) => r.url.searchParams.get('query') === '(#Amazon) -is:retweet')
      ?.url as URL;
    const again = await fetch(`${x.url}${search.pathname}${search.search}`, {
      headers: { authorization: 'Bearer e2e-token' },
    });
    expect(staged).toBe(await again.text());
    const chart = JSON.parse(
      await readFile(
        join(
          env.STOCKPIPE_DATA_DIR as string,
          'raw/yahoo/chart/ticker=MSFT/hour=2024-12-06T20/response.json',
        ),
        'utf8',
      ),
    );
    expect(chart.chart.result[0].meta.symbol).toBe('MSFT');
  });

  it('loads a Saturday hour as sentiment with the market closed', async () => {
    const result = await stockpipe(['run', '--hour', '2024-12-07T21:00Z'], env);
    expect(result.code).toBe(0);
    const rows = (await readRows(database.url, env.STOCKPIPE_DATA_DIR as string)).filter(
      (r) => r.hourStart.toISOString() === '2024-12-07T21:00:00.000Z',
    );
    expect(rows.map((r) => [r.ticker, r.marketClosed, r.close, r.postCount])).toEqual([
      ['AMZN', true, null, 7],
      ['MSFT', true, null, 7],
    ]);
  });

  it('fails only the ticker Yahoo does not know, naming it, and exits 1', async () => {
    const result = await stockpipe(
      ['run', '--hour', '2024-12-06T19:00Z', '--watchlist', 'AMZN:#Amazon,NOPE:#Nope'],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NOPE\s+FAILED at extract: Yahoo knows no symbol NOPE/);
    expect(result.stderr).toMatch(/AMZN\s+7 posts/);
  });

  it('reads the X token from Secrets Manager when given its ARN', async () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:stockpipe/x-token-AbC';
    const secrets = await startFakeSecretsManager({ [arn]: 'e2e-token' });
    try {
      const result = await stockpipe(['run', '--hour', '2024-12-06T18:00Z'], {
        ...env,
        X_BEARER_TOKEN: undefined,
        X_BEARER_TOKEN_SECRET_ARN: arn,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      });
      expect(result.code).toBe(0);
      expect(secrets.requests).toHaveLength(1);
      expect(result.stdout).not.toContain('e2e-token');
    } finally {
      await secrets.close();
    }
  });

  it('keeps the benchmark’s prices without a search or a count on X (STOCKPIPE_BENCHMARK)', async () => {
    const searches = x.requests.filter((r) => r.url.pathname.endsWith('/search/recent')).length;
    const counts = x.countsRequests().length;
    const result = await stockpipe(['run', '--hour', '2024-12-06T17:00Z', '--no-catch-up'], {
      ...env,
      // Any symbol the fake Yahoo knows stands in for SPY.
      STOCKPIPE_BENCHMARK: 'NVDA',
    });
    expect(result.code, result.stderr).toBe(0);
    // Two tickers searched and counted; the benchmark asked of Yahoo alone.
    expect(x.requests.filter((r) => r.url.pathname.endsWith('/search/recent')).length - searches).toBe(2);
    expect(x.countsRequests().length - counts).toBeLessThanOrEqual(2);
    expect(x.requests.some((r) => r.url.searchParams.get('query')?.includes('NVDA'))).toBe(false);
    const rows = await readRows(database.url, env.STOCKPIPE_DATA_DIR as string, ['NVDA']);
    expect(rows.find((r) => r.hourStart.toISOString() === '2024-12-06T17:00:00.000Z')).toMatchObject({
      ticker: 'NVDA',
      postCount: 0,
      postVolume: null,
      marketClosed: false,
    });
  });

  it('refuses to start without X credentials (exit 2)', async () => {
    const result = await stockpipe(['run'], { ...env, X_BEARER_TOKEN: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /X_BEARER_TOKEN: expected X_BEARER_TOKEN or X_BEARER_TOKEN_SECRET_ARN set when STOCKPIPE_SOURCE=live/,
    );
  });
});

describe('#19.3 live data into a warehouse holding sample rows', () => {
  it('is refused for the same ticker-hours without --force, saying how to go on, and replaces them with it', async () => {
    const sampleDatabase = await freshDatabase(process.env.DATABASE_URL);
    const place = { STOCKPIPE_DATA_DIR: await tempDir('live-over-sample'), DATABASE_URL: sampleDatabase.url };
    const hour = '2024-12-06T19:00Z';
    try {
      const sample = await stockpipe(['run', '--hour', hour], {
        ...env,
        ...place,
        STOCKPIPE_SOURCE: 'sample',
      });
      expect(sample.code).toBe(0);
      const sources = async () =>
        (await readRows(place.DATABASE_URL, place.STOCKPIPE_DATA_DIR, ['AMZN', 'MSFT'])).map((r) => r.source);
      expect(await sources()).toEqual(['sample', 'sample']);

      const live = { ...env, ...place };
      const refused = await stockpipe(['run', '--hour', hour], live);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /sample \(made-up\) rows for 2 ticker-hours of this run; add --force to replace them/,
      );
      const backfill = await stockpipe(['backfill', '--from', hour, '--to', hour], live);
      expect(backfill.code).toBe(2);
      expect(backfill.stdout).toMatch(/of them sample data +2 /);
      expect(backfill.stderr).toMatch(/of this backfill; add --force/);
      expect(await sources()).toEqual(['sample', 'sample']);

      const forced = await stockpipe(['run', '--hour', hour, '--force'], live);
      expect(forced.code).toBe(0);
      expect(await sources()).toEqual(['live', 'live']);
      const status = await stockpipe(['status', '--from', hour, '--to', hour, '--json'], live);
      expect(
        status.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).source),
      ).toEqual(['live', 'live']);
    } finally {
      await sampleDatabase.drop();
    }
  }, 120_000);
});
