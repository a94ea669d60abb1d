import {
  type FakeServer,
  type FakeXServer,
  rateLimitedFor,
  startFakeXServer,
  startFakeYahooServer,
} from '@stockpipe/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStockpipe, stockpipe, tempDir } from './support/cli.ts';

// Issue #20.5: X's rate limit, answered by a fake that says to wait a month, or five minutes.
let x: FakeXServer;
let yahoo: FakeServer;
let stop: (() => void) | undefined;

beforeAll(async () => {
  [x, yahoo] = await Promise.all([startFakeXServer({ bearerToken: 'e2e-token' }), startFakeYahooServer()]);
});
afterEach(() => stop?.());
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close()]);
});

const searches = (url: URL) => url.pathname.startsWith('/2/tweets/search/');
const env = async () => ({
  STOCKPIPE_SOURCE: 'live',
  STOCKPIPE_DATA_DIR: await tempDir('x-waits'),
  X_BEARER_TOKEN: 'e2e-token',
  X_API_BASE_URL: x.url,
  X_SEARCH: 'all',
  YAHOO_FINANCE_BASE_URL: yahoo.url,
  DATABASE_URL: undefined,
});

describe('#20.5 waiting for X is bounded and stoppable', () => {
  it('ends a backfill with a clear line when X’s reset is a month away, without spinning or asking again', async () => {
    stop = x.hostile(searches, rateLimitedFor(30 * 86_400));
    const before = x.requests.filter((r) => searches(r.url)).length;
    const result = await stockpipe(
      [
        'backfill',
        '--from',
        '2024-11-01T00:00Z',
        '--to',
        '2024-11-14T23:00Z',
        '--watchlist',
        'AMZN',
        '--yes',
      ],
      await env(),
    );
    expect(result.stdout).toMatch(
      /backfill stopped: X rate limit: no request left until \S+, more than 20 minutes away, longer than stockpipe waits for X/,
    );
    expect(result.code).toBe(1);
    // One wave of requests (the concurrency), not one per ticker-hour, and a few lines, not half a million.
    expect(x.requests.filter((r) => searches(r.url)).length - before).toBeLessThanOrEqual(4);
    expect((result.stdout + result.stderr).split('\n').length).toBeLessThan(1_000);
  });

  it('ends a wait for a reset five minutes away at once on SIGTERM, and exits 130', async () => {
    stop = x.hostile(searches, rateLimitedFor(300));
    const run = startStockpipe(
      [
        'backfill',
        '--from',
        '2024-11-01T00:00Z',
        '--to',
        '2024-11-01T11:00Z',
        '--watchlist',
        'AMZN',
        '--yes',
      ],
      await env(),
    );
    await run.printed(/waitingForX/);
    run.child.kill('SIGTERM');
    const result = await run.exited;
    expect(result.stdout).toMatch(/backfill interrupted/);
    expect(result.code).toBe(130);
  });
});
