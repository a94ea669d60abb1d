import { readFile } from 'node:fs/promises';
import { type FakeServer, startFakeXServer, xUsageAnswer } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XUsageReader } from '../../src/sources/x-usage-reader.ts';
import { X_BUDGET_REACHED, XSpendGuard } from '../../src/spend/x-spend-guard.ts';
import { recordingLogger } from '../support/recording-logger.ts';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeXServer({ bearerToken: 'test-token' });
});
afterAll(() => server.close());

const budget = { budgetUsd: 200, costPerPostUsd: 0.005, costPerCountsRequestUsd: 0.005 };
const now = () => new Date('2026-11-25T00:00Z');
const reader = () => new XUsageReader({ bearerToken: 'test-token', baseUrl: server.url, timeoutMs: 2_000 });

describe('XUsageReader against a local X API', () => {
  it('reads X’s documented answer, counts sent as strings, as numbers', async () => {
    const recorded = await readFile(new URL('../fixtures/x-usage-tweets.json', import.meta.url), 'utf8');
    server.enqueue({ status: 200, body: recorded });
    expect(await reader().read()).toEqual({
      projectUsage: 43_435,
      projectCap: 5_000_000_000,
      capResetDay: 10,
    });
    const request = server.requests.at(-1);
    expect(request?.url.pathname).toBe('/2/usage/tweets');
    expect(request?.url.searchParams.get('usage.fields')).toBe('cap_reset_day,project_cap,project_usage');
    expect(request?.headers.authorization).toBe('Bearer test-token');
  });

  it('names the field when the answer is not what X documents', async () => {
    server.enqueue({ status: 200, body: '{"data":{"project_usage":"many"}}' });
    await expect(reader().read()).rejects.toThrow(/X usage response: data\.project_usage/);
  });
});

describe('XSpendGuard', () => {
  it('reads the usage once however many ticker-hours ask, and logs usage, cap and the projected month', async () => {
    const { logger, events } = recordingLogger();
    const before = server.requests.length;
    server.enqueue(xUsageAnswer({ projectUsage: 18_250, projectCap: 2_000_000, capResetDay: 10 }));
    const guard = new XSpendGuard(() => reader().read(), budget, logger, now);
    expect(guard.spend()).toBeUndefined();
    expect(await Promise.all([guard.allowsReading(), guard.allowsReading(), guard.allowsReading()])).toEqual([
      true,
      true,
      true,
    ]);
    expect(server.requests.length - before).toBe(1);
    expect(events).toEqual([
      expect.objectContaining({
        msg: 'x usage',
        stage: 'x-usage',
        projectUsage: 18_250,
        projectCap: 2_000_000,
        spentUsd: 91.25,
        projectedMonthUsd: 182.5,
        budgetUsd: 200,
        budgetReached: false,
      }),
    ]);
    expect(guard.spend()?.postsThisMonth).toBe(18_250);
  });

  it('reads the usage again once it is ten minutes old, so a long backfill stops at the budget too', async () => {
    const { logger } = recordingLogger();
    let clock = Date.parse('2026-11-25T00:00Z');
    const before = server.requests.length;
    server.enqueue(xUsageAnswer({ projectUsage: 10_000 }));
    server.enqueue(xUsageAnswer({ projectUsage: 40_000 }));
    const guard = new XSpendGuard(
      () => reader().read(),
      budget,
      logger,
      () => new Date(clock),
    );
    expect(await guard.allowsReading()).toBe(true);
    clock += 9 * 60_000;
    expect(await guard.allowsReading()).toBe(true);
    expect(server.requests.length - before).toBe(1);
    clock += 60_000;
    expect(await guard.allowsReading()).toBe(false);
    expect(server.requests.length - before).toBe(2);
  });

  it('stops reading X once the usage is at the budget, and says why', async () => {
    const { logger, events } = recordingLogger();
    server.enqueue(xUsageAnswer({ projectUsage: 40_000 }));
    const guard = new XSpendGuard(() => reader().read(), budget, logger, now);
    expect(await guard.allowsReading()).toBe(false);
    expect(guard.reason).toBe(X_BUDGET_REACHED);
    expect(events[0]).toMatchObject({ level: 40, msg: 'x budget reached', budgetReached: true });
  });

  it('spends this billing month’s counts requests, counted from its reset day, since X’s usage counts posts only', async () => {
    const { logger, events } = recordingLogger();
    server.enqueue(xUsageAnswer({ projectUsage: 36_000, capResetDay: 10 }));
    const since: Date[] = [];
    const guard = new XSpendGuard(
      () => reader().read(),
      budget,
      logger,
      now,
      async (start) => {
        since.push(start);
        return 4_000;
      },
    );
    expect(await guard.allowsReading()).toBe(false);
    expect(since.map((d) => d.toISOString())).toEqual(['2026-11-10T00:00:00.000Z']);
    expect(events[0]).toMatchObject({ msg: 'x budget reached', countsRequests: 4_000, spentUsd: 200 });
    expect(guard.spend()?.countsRequestsThisMonth).toBe(4_000);
  });

  it('judges the posts alone when its counts requests cannot be counted, and says so', async () => {
    const { logger, events } = recordingLogger();
    server.enqueue(xUsageAnswer({ projectUsage: 36_000 }));
    const guard = new XSpendGuard(
      () => reader().read(),
      budget,
      logger,
      now,
      () => Promise.reject(new Error('EACCES: permission denied')),
    );
    expect(await guard.allowsReading()).toBe(true);
    expect(events.map((e) => [e.msg, e.reason ?? e.countsRequests])).toEqual([
      ['counts requests unknown', 'EACCES: permission denied'],
      ['x usage', 0],
    ]);
  });

  it('never stops a run when the usage endpoint fails: it logs why and lets the run read X', async () => {
    for (const answer of [
      { status: 503, body: '{"title":"Service Unavailable"}' },
      { status: 200, body: 'not json' },
    ]) {
      const { logger, events } = recordingLogger();
      server.enqueue(answer);
      const guard = new XSpendGuard(() => reader().read(), budget, logger, now);
      expect(await guard.allowsReading()).toBe(true);
      expect(guard.spend()).toBeUndefined();
      expect(events).toEqual([
        expect.objectContaining({
          level: 40,
          msg: 'x usage unavailable',
          stage: 'x-usage',
          reason: expect.any(String),
        }),
      ]);
    }
  });

  it('lets a run read X when the usage cannot be reached at all', async () => {
    const { logger, events } = recordingLogger();
    const unreachable = new XUsageReader({
      bearerToken: 't',
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 2_000,
    });
    const guard = new XSpendGuard(() => unreachable.read(), budget, logger, now);
    expect(await guard.allowsReading()).toBe(true);
    // The reason says what the socket did, found where twitter-api-v2 1.29.1 keeps it.
    expect(events[0]).toMatchObject({
      msg: 'x usage unavailable',
      reason: 'Request failed. (ECONNREFUSED 127.0.0.1:9)',
    });
  });
});
