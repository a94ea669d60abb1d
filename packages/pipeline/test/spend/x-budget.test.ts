import { describe, expect, it } from 'vitest';
import { judgeXSpend } from '../../src/spend/x-budget.ts';

const budget = { budgetUsd: 200, costPerPostUsd: 0.005, costPerCountsRequestUsd: 0.005 };
const usage = (projectUsage: number, capResetDay?: number) => ({
  projectUsage,
  projectCap: 2_000_000,
  capResetDay,
});

describe('judgeXSpend', () => {
  it('stops reading once this month’s posts cost the budget: 40,000 posts at $0.005 is $200', () => {
    const now = new Date('2026-11-20T12:00Z');
    expect(judgeXSpend(usage(39_999), budget, now)).toMatchObject({ reached: false, spentUsd: 199.995 });
    expect(judgeXSpend(usage(40_000), budget, now)).toMatchObject({ reached: true, spentUsd: 200 });
    expect(judgeXSpend(usage(50_000), budget, now).reached).toBe(true);
  });

  it('spends the month’s counts requests too, at their price per request', () => {
    const now = new Date('2026-11-20T12:00Z');
    // 36,000 posts ($180) and 4,000 counts requests ($20): the budget is spent, though the posts alone are not.
    expect(judgeXSpend(usage(36_000), budget, now, 4_000)).toMatchObject({
      reached: true,
      spentUsd: 200,
      postsThisMonth: 36_000,
      countsRequestsThisMonth: 4_000,
    });
    expect(judgeXSpend(usage(36_000), budget, now, 3_999).reached).toBe(false);
    // Projected at the same rate as the posts: 15 of 30 days, double.
    const half = judgeXSpend(usage(18_250, 10), budget, new Date('2026-11-25T00:00Z'), 1_825);
    expect(half.projectedMonthUsd).toBeCloseTo(200.75, 9);
  });

  it('projects the month from the rate since X’s count last reset', () => {
    // Reset on the 10th; on the 25th at 00:00, 15 of 30 days have passed: half the month, double the spend.
    const spend = judgeXSpend(usage(18_250, 10), budget, new Date('2026-11-25T00:00Z'));
    expect(spend.spentUsd).toBeCloseTo(91.25, 9);
    expect(spend.projectedMonthUsd).toBeCloseTo(182.5, 9);
    expect(spend.resetsAt.toISOString()).toBe('2026-12-10T00:00:00.000Z');
  });

  it('counts the billing month back from the last reset day, a month’s last day when the day is past its end', () => {
    // Before the 10th: the month began on 10 October.
    expect(judgeXSpend(usage(0, 10), budget, new Date('2026-11-05T00:00Z')).resetsAt.toISOString()).toBe(
      '2026-11-10T00:00:00.000Z',
    );
    // A reset on the 31st falls on 28 February; January's begins on the 31st of December.
    expect(judgeXSpend(usage(0, 31), budget, new Date('2027-02-10T00:00Z')).resetsAt.toISOString()).toBe(
      '2027-02-28T00:00:00.000Z',
    );
    expect(judgeXSpend(usage(0, 31), budget, new Date('2027-01-15T00:00Z')).resetsAt.toISOString()).toBe(
      '2027-01-31T00:00:00.000Z',
    );
    // X not saying: the calendar month.
    expect(judgeXSpend(usage(0), budget, new Date('2026-12-31T23:00Z')).resetsAt.toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('projects from an hour at least, so a reset minutes ago does not multiply by thousands', () => {
    // 50 posts in the first minute of a 30-day month: projected as 50 an hour, 720 hours.
    const spend = judgeXSpend(usage(50, 1), budget, new Date('2026-11-01T00:01Z'));
    expect(spend.projectedMonthUsd).toBeCloseTo(50 * 0.005 * 720, 9);
  });
});
