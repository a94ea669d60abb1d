import { describe, expect, it } from 'vitest';
import { type CostInputs, monthlyCost, runsPerMonth, STACK_SIZE_DEFAULTS } from '../src/cost.ts';
import { parseDailySchedule } from '../src/daily-schedule.ts';
import { parseSchedule } from '../src/schedule.ts';

// The default stack: five tickers, 10 posts each, every hour, live, Comprehend.
const defaults: CostInputs = {
  tickers: 5,
  xMaxResults: 10,
  xCostPerPostUsd: 0.005,
  schedule: parseSchedule('hourly'),
  source: 'live',
  sentiment: 'comprehend',
  stack: STACK_SIZE_DEFAULTS,
};
const line = (inputs: CostInputs, item: string) =>
  monthlyCost(inputs).lines.find((l) => l.item.startsWith(item));

describe('monthlyCost', () => {
  it('itemises the default stack: X is most of it, then the database', () => {
    const { lines, totalUsd } = monthlyCost(defaults);
    expect(lines.map((l) => [l.item, Number(l.monthlyUsd.toFixed(2))])).toEqual([
      ['X posts read', 182.5],
      ['X post counts', 18.25],
      ['Comprehend sentiment', 10.95],
      ['RDS db.t4g.micro', 11.68],
      ['RDS storage 20 GB gp3', 2.3],
      ['Fargate 0.25 vCPU / 0.5 GB', 0.3],
      ['Public IPv4 for the task', 0.12],
      ['Secrets Manager (X token; the RDS-managed secret)', 0.8],
      ['CloudWatch Logs', 0.05],
      ['CloudWatch metrics and alarms', 4],
      ['ECR, 10 images kept', 0.06],
    ]);
    expect(totalUsd).toBeCloseTo(231.01, 2);
    expect(line(defaults, 'X posts')?.arithmetic).toBe('5 tickers × 10 posts × 730 runs × $0.005');
    expect(line(defaults, 'Comprehend')?.arithmetic).toBe('36,500 posts × 3 units × $0.0001');
  });

  it('prices the post volume per request, one per ticker a run, whatever X_MAX_RESULTS', () => {
    const counts = (inputs: Partial<CostInputs>) => line({ ...defaults, ...inputs }, 'X post counts');
    expect(counts({})).toEqual({
      item: 'X post counts',
      arithmetic: '5 tickers × 730 runs × 1 request × $0.005',
      monthlyUsd: 18.25,
    });
    expect(counts({ xMaxResults: 100 })?.monthlyUsd).toBeCloseTo(18.25, 6);
    expect(counts({ schedule: parseSchedule('market-hours') })?.monthlyUsd).toBeCloseTo(3.80625, 6);
    expect(counts({ xCostPerCountsRequestUsd: 0.01 })?.monthlyUsd).toBeCloseTo(36.5, 6);
  });

  it('pulls each lever: fewer posts, the session’s hours, the local scorer', () => {
    const x = (inputs: Partial<CostInputs>) => line({ ...defaults, ...inputs }, 'X posts')?.monthlyUsd;
    expect(x({ xMaxResults: 100 })).toBeCloseTo(1825, 6);
    // 7 hours of 261 weekdays a year: 152.25 runs a month, 79% less than every hour.
    expect(x({ schedule: parseSchedule('market-hours') })).toBeCloseTo(38.0625, 6);
    expect(line({ ...defaults, sentiment: 'local' }, 'Sentiment')?.monthlyUsd).toBe(0);
    expect(line({ ...defaults, sentiment: 'local' }, 'Comprehend')).toBeUndefined();
    // Custom metrics are billed by the hours they receive data.
    expect(
      line({ ...defaults, schedule: parseSchedule('market-hours') }, 'CloudWatch metrics'),
    ).toMatchObject({
      arithmetic: '12 metrics × $0.3 × 0.21 of the month + 4 alarms × $0.1',
    });
  });

  it('reads nothing from X, and keeps no X token, on sample data', () => {
    const sample = monthlyCost({ ...defaults, source: 'sample', sentiment: 'local' });
    expect(sample.lines.slice(0, 2)).toEqual([
      { item: 'X posts read', arithmetic: 'sample data: nothing read from X', monthlyUsd: 0 },
      { item: 'X post counts', arithmetic: 'sample data: nothing counted by X', monthlyUsd: 0 },
    ]);
    expect(sample.lines.find((l) => l.item.startsWith('Secrets'))?.monthlyUsd).toBeCloseTo(0.4, 6);
  });

  it('adds the daily compliance check when there is one: a short task, its two metrics and its alarm', () => {
    const daily = { ...defaults, complianceRunsPerMonth: 365 / 12 };
    const compliance = line(daily, 'Compliance check');
    expect(compliance?.arithmetic).toBe(
      '1.0 task-h × ($0.0123 + $0.005 IPv4) + 2 metrics × $0.3 × 0.04 of the month + 1 alarm × $0.1',
    );
    expect(compliance?.monthlyUsd).toBeCloseTo(0.1426, 4);
    expect(monthlyCost(daily).totalUsd).toBeCloseTo(231.15, 2);
    expect(line(defaults, 'Compliance check')).toBeUndefined();
  });

  it('adds the digest and analysis tasks by their schedules: a short task a run, none when both are off', () => {
    const both = runsPerMonth(parseDailySchedule('07:00'), parseDailySchedule('04:00'));
    expect(both).toBeCloseTo(730 / 12, 6);
    expect(line({ ...defaults, reportRunsPerMonth: both }, 'Digest and analysis')).toEqual({
      item: 'Digest and analysis tasks',
      arithmetic: '2.0 task-h × ($0.0123 + $0.005 IPv4)',
      monthlyUsd: expect.closeTo(0.0352, 4),
    });
    expect(runsPerMonth(null, parseDailySchedule('off'))).toBe(0);
    expect(line({ ...defaults, reportRunsPerMonth: 0 }, 'Digest and analysis')).toBeUndefined();
  });
});
