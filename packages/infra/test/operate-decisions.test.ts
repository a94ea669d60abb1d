import {
  COMPLIANCE_METRICS,
  METRIC_NAMESPACE,
  parseSchedule,
  RUN_METRICS,
  RUN_STATUS_METRICS,
  STACK_ALARM_COUNT,
} from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { alarmArnPattern, alarmSpecs } from '../src/decisions/alarms.ts';
import { dashboardBody, dashboardName, dashboardUrl } from '../src/decisions/dashboard.ts';
import { metricFilters } from '../src/decisions/metric-filters.ts';
import { emailFilterPolicy } from '../src/decisions/notify.ts';
import { savedQueries } from '../src/decisions/queries.ts';

const RUN_METRIC_NAMES = [
  ...Object.values(RUN_STATUS_METRICS),
  ...Object.values(RUN_METRICS).map((m) => m.name),
];
const COMPLIANCE_METRIC_NAMES: string[] = Object.values(COMPLIANCE_METRICS).map((m) => m.name);
const EVERY_METRIC = [...RUN_METRIC_NAMES, ...COMPLIANCE_METRIC_NAMES];
const alarms = (schedule = 'hourly', compliance: string | null = null) =>
  alarmSpecs({
    stack: 'prod',
    schedule: parseSchedule(schedule),
    compliance: compliance ? parseSchedule(compliance) : null,
    xMonthlyBudgetUsd: 200,
    deadLetterQueueName: 'stockpipe-dlq-1',
  });
const byName = (name: string, schedule?: string, compliance?: string) =>
  alarms(schedule, compliance).find((a) => a.name === `stockpipe-prod-${name}`);

describe('metric filters', () => {
  it('make every metric the job names, each from its event: run finished, compliance finished', () => {
    const filters = metricFilters();
    expect(filters.map((f) => f.metric).sort()).toEqual([...EVERY_METRIC].sort());
    for (const filter of filters) {
      const event = COMPLIANCE_METRIC_NAMES.includes(filter.metric) ? 'compliance finished' : 'run finished';
      expect(filter.pattern.startsWith(`{ ($.msg = "${event}") && `)).toBe(true);
    }
  });

  it('count a run once by its status, and take the other values from their fields when present', () => {
    const filters = Object.fromEntries(metricFilters().map((f) => [f.metric, f]));
    expect(filters.RunsSucceeded).toEqual({
      metric: 'RunsSucceeded',
      pattern: '{ ($.msg = "run finished") && ($.status = "succeeded") }',
      value: '1',
      unit: 'Count',
    });
    expect(filters.RunsFailed?.pattern).toContain('($.status = "failed")');
    expect(filters.HoursHealed).toEqual({
      metric: 'HoursHealed',
      pattern: '{ ($.msg = "run finished") && ($.healed >= 0) }',
      value: '$.healed',
      unit: 'Count',
    });
    expect(filters.RunDuration).toMatchObject({ value: '$.ms', unit: 'Milliseconds' });
    expect(filters.PeakMemory).toMatchObject({ value: '$.peakRssMb', unit: 'Megabytes' });
    expect(filters.PostsRemoved).toEqual({
      metric: 'PostsRemoved',
      pattern: '{ ($.msg = "compliance finished") && ($.postsRemoved >= 0) }',
      value: '$.postsRemoved',
      unit: 'Count',
    });
  });
});

describe('alarms', () => {
  it('are four, named for the stack, as the cost model counts them', () => {
    expect(alarms().map((a) => a.name)).toEqual([
      'stockpipe-prod-no-successful-run',
      'stockpipe-prod-tickers-failing',
      'stockpipe-prod-dead-letters',
      'stockpipe-prod-x-spend',
    ]);
    expect(alarms()).toHaveLength(STACK_ALARM_COUNT);
    expect(alarmArnPattern('arn:aws:sns:eu-west-1:123456789012:stockpipe-runs-1', 'prod')).toBe(
      'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:stockpipe-prod-*',
    );
  });

  it('raise the silence alarm when no run succeeded in 2 hours, a missing run counting as a failed one', () => {
    expect(byName('no-successful-run')).toMatchObject({
      namespace: METRIC_NAMESPACE,
      metricName: 'RunsSucceeded',
      dimensions: { Stack: 'prod' },
      statistic: 'Sum',
      period: 3600,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
    });
    expect(byName('no-successful-run')?.description).toMatch(/last 2 hours .*schedule is enabled/);
  });

  it('wait out the longest weekend before calling the market-hours job silent', () => {
    expect(byName('no-successful-run', 'market-hours')).toMatchObject({
      evaluationPeriods: 68,
      datapointsToAlarm: 68,
    });
    // A schedule with more than a week between runs cannot have one: CloudWatch looks back 7 days at most.
    expect(byName('no-successful-run', 'cron(0 12 1 * ? *)')).toBeUndefined();
  });

  it('raise tickers failing after 3 failing hours in a row; a stopped job neither raises nor clears it', () => {
    expect(byName('tickers-failing')).toMatchObject({
      metricName: 'TickersFailed',
      statistic: 'Sum',
      period: 3600,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'ignore',
    });
  });

  it('raise dead letters on the first message in the scheduler’s queue', () => {
    expect(byName('dead-letters')).toMatchObject({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'stockpipe-dlq-1' },
      statistic: 'Maximum',
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
  });

  it('raise compliance silent when no check got X’s answer for two days, a missing check counting as none', () => {
    expect(alarms('hourly', null).map((a) => a.name)).not.toContain('stockpipe-prod-compliance-silent');
    expect(byName('compliance-silent', 'hourly', 'cron(30 3 * * ? *)')).toMatchObject({
      namespace: METRIC_NAMESPACE,
      metricName: 'PostsChecked',
      dimensions: { Stack: 'prod' },
      // A check that found nothing to check still counts: its datapoint is a zero.
      statistic: 'SampleCount',
      period: 3600,
      evaluationPeriods: 48,
      datapointsToAlarm: 48,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
    });
    expect(byName('compliance-silent', 'hourly', 'cron(30 3 * * ? *)')?.description).toMatch(
      /last 48 hours: deleted and protected posts may still be stored/,
    );
    // A weekly check plus a day is past the 7 days an alarm looks back: none.
    expect(byName('compliance-silent', 'hourly', 'cron(30 3 ? * MON *)')).toBeUndefined();
  });

  it('raise X spend when the month is projected past the budget, saying which levers lower it', () => {
    expect(byName('x-spend')).toMatchObject({
      metricName: 'XProjectedMonthUsd',
      statistic: 'Maximum',
      threshold: 200,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'ignore',
    });
    expect(byName('x-spend')?.description).toMatch(/xMaxResults.*market-hours.*xMonthlyBudgetUsd/s);
  });
});

describe('email', () => {
  it('gets failures and anything without a status (alarms, the failed-task rule) by default; every run with all', () => {
    expect(emailFilterPolicy('failures')).toEqual({ status: ['failed', 'digest', { exists: false }] });
    expect(emailFilterPolicy('all')).toBeUndefined();
  });
});

describe('the dashboard', () => {
  const body = dashboardBody({
    region: 'us-east-1',
    stack: 'prod',
    logGroup: '/aws/stockpipe-logs',
    alarmArns: ['arn:aws:cloudwatch:us-east-1:1:alarm:stockpipe-prod-x-spend'],
    xMonthlyBudgetUsd: 200,
  });
  type Widget = { type: string; properties: Record<string, unknown> };
  const widgets = JSON.parse(JSON.stringify(body)).widgets as Widget[];

  it('draws every metric the job emits, by its shared name and the stack, over the last day and week', () => {
    const metricWidgets = widgets.filter((w) => w.type === 'metric');
    const drawn = (start: string) =>
      metricWidgets
        .filter((w) => w.properties.start === start)
        .flatMap((w) => (w.properties.metrics as unknown[][]).map((m) => m.slice(0, 4)));
    for (const start of ['-PT24H', '-P7D']) {
      expect(
        drawn(start)
          .map((m) => m[1])
          .sort(),
      ).toEqual([...EVERY_METRIC].sort());
      for (const m of drawn(start)) expect([m[0], m[2], m[3]]).toEqual([METRIC_NAMESPACE, 'Stack', 'prod']);
    }
    expect(metricWidgets.find((w) => w.properties.start === '-P7D')?.properties.period).toBe(86400);
  });

  it('shows the alarms’ states and the last failures by ticker and stage', () => {
    expect(widgets.find((w) => w.type === 'alarm')?.properties.alarms).toEqual([
      'arn:aws:cloudwatch:us-east-1:1:alarm:stockpipe-prod-x-spend',
    ]);
    const log = widgets.find((w) => w.type === 'log');
    expect(log?.properties.query).toMatch(
      /^SOURCE '\/aws\/stockpipe-logs' \| fields .* \| filter msg = "stage failed" \| stats .* by ticker, stage/,
    );
  });

  it('is named for the stack, in the characters a dashboard name takes, and linked from the console', () => {
    expect(dashboardName('prod')).toBe('stockpipe-prod');
    expect(dashboardName('eu.prod')).toBe('stockpipe-eu-prod');
    expect(dashboardUrl('eu-west-1', 'stockpipe-prod')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/stockpipe-prod',
    );
  });
});

describe('saved queries', () => {
  it('find failures by ticker and stage, the slowest stages, and one run by its id', () => {
    const queries = savedQueries('prod');
    expect(queries.map((q) => q.name)).toEqual([
      'stockpipe/prod/failures by ticker and stage',
      'stockpipe/prod/slowest stages',
      'stockpipe/prod/one run by run id',
    ]);
    const [failures, slowest, oneRun] = queries.map((q) => q.queryString);
    expect(failures).toMatch(/filter msg = "stage failed"[\s\S]*by ticker, stage/);
    expect(slowest).toMatch(/filter msg = "stage"[\s\S]*max\(ms\) as maxMs by stage[\s\S]*sort maxMs desc/);
    expect(oneRun).toMatch(/filter runId = "RUN_ID"[\s\S]*sort @timestamp asc/);
  });
});
