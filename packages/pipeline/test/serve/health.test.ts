import { describe, expect, it } from 'vitest';
import { judgeHealth } from '../../src/serve/health.ts';

const at = (iso: string) => new Date(iso);
const grace = 20 * 60_000;
const ok = {
  last: {
    hourStart: at('2024-12-06T14:00Z'),
    finishedAt: at('2024-12-06T15:05:30Z'),
    status: 'succeeded' as const,
    failed: [],
  },
  next: at('2024-12-06T16:05Z'),
  running: null,
};

describe('judgeHealth', () => {
  it('is 200 while runs succeed and come when due', () => {
    expect(judgeHealth(ok, at('2024-12-06T16:20Z'), grace)).toMatchObject({
      status: 200,
      body: { status: 'ok', lastRun: { hour: '2024-12-06T14:00Z', outcome: 'succeeded' } },
    });
  });

  it('is 503 when the last run failed, naming the tickers', () => {
    const failed = { ...ok, last: { ...ok.last, status: 'failed' as const, failed: ['AMZN'] } };
    expect(judgeHealth(failed, at('2024-12-06T15:10Z'), grace)).toMatchObject({
      status: 503,
      body: { status: 'failing', lastRun: { failed: ['AMZN'] } },
    });
  });

  it('is 503 when a run is overdue: not started in time, or running too long', () => {
    expect(judgeHealth(ok, at('2024-12-06T16:26Z'), grace).body.status).toBe('overdue');
    const stuck = { ...ok, running: at('2024-12-06T16:05Z') };
    expect(judgeHealth(stuck, at('2024-12-06T16:20Z'), grace).status).toBe(200);
    expect(judgeHealth(stuck, at('2024-12-06T16:30Z'), grace).status).toBe(503);
  });
});
