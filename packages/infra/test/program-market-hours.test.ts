import { beforeAll, describe, expect, it } from 'vitest';
import { ofType, type Registered, runProgram } from './mock-program.ts';

// A stack that runs in the New York session's hours, mails every run and a daily digest, and holds X to $50 a month;
// it leaves the lead–lag analysis to be run by hand.
let resources: Registered[];
let outputs: Record<string, unknown>;
beforeAll(async () => {
  ({ resources, outputs } = await runProgram({
    xBearerToken: 'AAAA',
    schedule: 'market-hours',
    notifyOn: 'all',
    xMonthlyBudgetUsd: '50',
    xMaxResults: '20',
    alertEmails: JSON.stringify(['ops@example.com']),
    digestSchedule: '06:45',
    analyzeSchedule: 'off',
  }));
});

const only = (type: string) => ofType(resources, type)[0]?.inputs ?? {};

describe('a market-hours stack that mails every run', () => {
  it('runs in New York time at 10:05 … 16:05 on weekdays, so daylight saving moves it in UTC', () => {
    expect(
      ofType(resources, 'aws:scheduler/schedule:Schedule').find((s) => s.name === 'stockpipe-hourly')?.inputs,
    ).toMatchObject({
      scheduleExpression: 'cron(5 10-16 ? * MON-FRI *)',
      scheduleExpressionTimezone: 'America/New_York',
    });
  });

  it('publishes yesterday’s digest daily at 06:45 UTC: the job’s task definition, its command `digest`', () => {
    const schedules = ofType(resources, 'aws:scheduler/schedule:Schedule');
    const digest = schedules.find((s) => s.name === 'stockpipe-digest')?.inputs as Record<string, unknown>;
    expect(digest).toMatchObject({
      scheduleExpression: 'cron(45 6 * * ? *)',
      scheduleExpressionTimezone: 'UTC',
    });
    const target = digest.target as Record<string, unknown>;
    expect(target.arn).toBe('arn:aws:scheduler:::aws-sdk:ecs:runTask');
    expect(JSON.parse(String(target.input)).Overrides).toEqual({
      ContainerOverrides: [{ Name: 'pipeline', Command: ['digest'] }],
    });
    const hourly = schedules.find((s) => s.name === 'stockpipe-hourly')?.inputs.target as Record<
      string,
      unknown
    >;
    for (const field of ['roleArn', 'retryPolicy', 'deadLetterConfig'])
      expect(target[field], field).toEqual(hourly[field]);
  });

  it('schedules no analysis when analyzeSchedule is off', () => {
    expect(ofType(resources, 'aws:scheduler/schedule:Schedule').map((s) => s.name)).not.toContain(
      'stockpipe-analyze',
    );
  });

  it('tells the job its schedule, posts per hour and budget', () => {
    const [container] = JSON.parse(
      String(only('aws:ecs/taskDefinition:TaskDefinition').containerDefinitions),
    );
    const environment = Object.fromEntries(
      container.environment.map((e: { name: string; value: string }) => [e.name, e.value]),
    );
    expect(environment).toMatchObject({
      STOCKPIPE_SCHEDULE: 'market-hours',
      X_MAX_RESULTS: '20',
      X_MONTHLY_BUDGET_USD: '50',
    });
  });

  it('mails every run’s report: no filter policy', () => {
    expect(only('aws:sns/topicSubscription:TopicSubscription').filterPolicy).toBeUndefined();
  });

  it('waits out a weekend before calling the job silent, and alarms on X spend past $50', () => {
    const alarms = ofType(resources, 'aws:cloudwatch/metricAlarm:MetricAlarm').map((a) => a.inputs);
    expect(alarms.find((a) => a.name === 'stockpipe-test-no-successful-run')).toMatchObject({
      evaluationPeriods: 68,
    });
    expect(alarms.find((a) => a.name === 'stockpipe-test-x-spend')).toMatchObject({ threshold: 50 });
  });

  it('prices the month at 152.25 runs', () => {
    expect((outputs.monthlyCost as { lines: string[] }).lines[0]).toBe(
      'X posts read: 5 tickers × 20 posts × 152.3 runs × $0.005 = $76.13',
    );
  });
});
