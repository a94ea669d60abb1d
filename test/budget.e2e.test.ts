import { access } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type FakeServer,
  type FreshDatabase,
  freshDatabase,
  startFakeXServer,
  startFakeYahooServer,
} from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEvents, stockpipe, tempDir } from './support/cli.ts';

// The local X's project has read 45,000 posts this month: $225 at $0.005, the default budget.
let x: FakeServer;
let yahoo: FakeServer;
let database: FreshDatabase;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  [x, yahoo, database] = await Promise.all([
    startFakeXServer({ bearerToken: 'e2e-token', usage: { projectUsage: 45_000 } }),
    startFakeYahooServer(),
    freshDatabase(process.env.DATABASE_URL),
  ]);
  env = {
    STOCKPIPE_SOURCE: 'live',
    STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,MSFT:#Microsoft',
    STOCKPIPE_DATA_DIR: await tempDir('budget'),
    STOCKPIPE_STACK: 'e2e',
    X_BEARER_TOKEN: 'e2e-token',
    X_API_BASE_URL: x.url,
    YAHOO_FINANCE_BASE_URL: yahoo.url,
    DATABASE_URL: database.url,
  };
});
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close(), database.drop()]);
});

describe('stockpipe run when the month’s X budget is spent', () => {
  it('reads no posts, keeps the prices raw, fails the ticker-hours with the reason and says so', async () => {
    const result = await stockpipe(['run', '--hour', '2024-12-06T20:00Z'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/X budget reached \(X_MONTHLY_BUDGET_USD\): 2 ticker-hours were not read/);
    expect(result.stderr).toMatch(/AMZN\s+FAILED at extract: X budget reached/);
    expect(x.requests.map((r) => r.url.pathname)).toEqual(['/2/usage/tweets']);
    await access(
      join(env.STOCKPIPE_DATA_DIR as string, 'raw/yahoo/chart/ticker=MSFT/hour=2024-12-06T20/response.json'),
    );
    const events = logEvents(result.stdout);
    expect(events.find((e) => e.msg === 'x budget reached')).toMatchObject({
      projectUsage: 45_000,
      spentUsd: 225,
      budgetUsd: 225,
    });
    // In a stack, the run's events name it: the dimension of its metrics.
    expect(events.find((e) => e.msg === 'run finished')).toMatchObject({
      stack: 'e2e',
      xPostsThisMonth: 45_000,
      loaded: 0,
      failed: 2,
    });
  });

  it('reads X again with a larger budget', async () => {
    const result = await stockpipe(['run', '--hour', '2024-12-06T20:00Z'], {
      ...env,
      X_MONTHLY_BUDGET_USD: '250',
    });
    expect(result.stderr).toMatch(/stockpipe succeeded: 2024-12-06T20:00Z, 2\/2 tickers loaded/);
    expect(result.code).toBe(0);
  });
});
