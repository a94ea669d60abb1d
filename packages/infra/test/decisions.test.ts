import { DEFAULT_WATCHLIST_TEXT, isScheduledHour, parseConfig } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { costEstimate } from '../src/decisions/cost.ts';
import {
  commandRunTask,
  databasePlacement,
  operatorCommands,
  taskEnvironment,
} from '../src/decisions/job.ts';
import { parseSettings } from '../src/decisions/settings.ts';

const defaults = parseSettings(() => undefined);

describe('stack settings', () => {
  it('default to a cheap trial stack of five companies', () => {
    expect(defaults).toMatchObject({
      source: 'live',
      sentiment: 'comprehend',
      scheduleMinute: 5,
      production: false,
      databaseInstanceClass: 'db.t4g.micro',
      databasePublicCidrs: [],
      taskCpu: 256,
      taskMemory: 512,
      notifyOn: 'failures',
      xMaxResults: 10,
      xMonthlyBudgetUsd: 225,
      rawRetentionDays: 90,
      rawNoncurrentDays: 7,
      // As long as a raw body's last copy (its retention, then its week as an older version), and the two days S3's
      // lifecycle may be late.
      postsRetentionDays: 99,
    });
    expect(defaults.complianceSchedule).toMatchObject({ expression: 'cron(30 3 * * ? *)', timeZone: 'UTC' });
    expect(defaults.schedule).toMatchObject({
      text: 'hourly',
      expression: 'cron(5 * * * ? *)',
      timeZone: 'UTC',
    });
    expect(defaults.watchlist.map((w) => w.ticker)).toEqual(['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA']);
    expect(defaults.watchlistText).toBe(DEFAULT_WATCHLIST_TEXT);
  });

  it('name the key of a bad value', () => {
    const config: Record<string, string> = {
      watchlist: 'not a ticker',
      databasePublicCidrs: '["0.0.0.0/99"]',
    };
    expect(() => parseSettings((key) => config[key])).toThrow(
      /stockpipe:watchlist[\s\S]*stockpipe:databasePublicCidrs/,
    );
    const text: Record<string, string> = { production: 'yes', alertEmails: 'ops@example.com' };
    expect(() => parseSettings((key) => text[key])).toThrow(
      /stockpipe:alertEmails: a JSON list[\s\S]*stockpipe:production: true or false/,
    );
    expect(() => parseSettings((key) => ({ taskCpu: '256', taskMemory: '4096' })[key])).toThrow(
      /not a Fargate size/,
    );
    const operate: Record<string, string> = {
      schedule: 'daily',
      notifyOn: 'some',
      xMonthlyBudgetUsd: '-1',
      xMaxResults: '5',
    };
    expect(() => parseSettings((key) => operate[key])).toThrow(
      /stockpipe:schedule: hourly, market-hours or an AWS cron[\s\S]*stockpipe:xMaxResults: an integer from 10 to 100[\s\S]*stockpipe:xMonthlyBudgetUsd[\s\S]*stockpipe:notifyOn/,
    );
  });
});

describe('retention and compliance settings', () => {
  const settingsOf = (config: Record<string, string>) => parseSettings((key) => config[key]);

  it('keep post documents and top posts as long as any copy of a raw body and S3’s lag, or longer when told', () => {
    expect(settingsOf({ rawRetentionDays: '30', rawNoncurrentDays: '1' }).postsRetentionDays).toBe(33);
    expect(settingsOf({ postsRetentionDays: '365' }).postsRetentionDays).toBe(365);
  });

  it('refuse post documents that go before a raw body’s last copy: compliance finds its posts through them', () => {
    expect(() => settingsOf({ postsRetentionDays: '90' })).toThrow(
      /stockpipe:postsRetentionDays 90 is fewer than rawRetentionDays \+ rawNoncurrentDays \(97\)/,
    );
    expect(() => settingsOf({ rawRetentionDays: '0' })).toThrow(/stockpipe:rawRetentionDays: .*1 to 3650/);
  });

  it('run the compliance check daily at a time of day in UTC, on a cron expression, or not at all', () => {
    expect(settingsOf({ complianceSchedule: '4:05' }).complianceSchedule).toMatchObject({
      expression: 'cron(5 4 * * ? *)',
      timeZone: 'UTC',
    });
    expect(settingsOf({ complianceSchedule: 'cron(0 2 ? * MON-FRI *)' }).complianceSchedule?.expression).toBe(
      'cron(0 2 ? * MON-FRI *)',
    );
    expect(settingsOf({ complianceSchedule: 'off' }).complianceSchedule).toBeNull();
    expect(() => settingsOf({ complianceSchedule: '25:00' })).toThrow(
      /stockpipe:complianceSchedule: `HH:MM` \(daily, UTC\), an AWS cron expression in UTC, or `off`/,
    );
  });

  it('send no daily digest unless asked, then at a time of day in UTC or on a cron', () => {
    expect(defaults.digestSchedule).toBeNull();
    expect(settingsOf({ digestSchedule: '7:15' }).digestSchedule).toMatchObject({
      expression: 'cron(15 7 * * ? *)',
      timeZone: 'UTC',
    });
    expect(settingsOf({ source: 'sample', digestSchedule: '07:00' }).digestSchedule).not.toBeNull();
    expect(() => settingsOf({ digestSchedule: 'daily' })).toThrow(/stockpipe:digestSchedule: `HH:MM`/);
  });

  it('refresh the lead–lag analysis daily at 04:00 UTC, after the compliance check, unless told otherwise', () => {
    expect(defaults.analyzeSchedule).toMatchObject({ expression: 'cron(0 4 * * ? *)', timeZone: 'UTC' });
    expect(settingsOf({ analyzeSchedule: '5:30' }).analyzeSchedule?.expression).toBe('cron(30 5 * * ? *)');
    // The analysis reads the warehouse alone: sample data has one to analyse too.
    expect(settingsOf({ source: 'sample' }).analyzeSchedule).not.toBeNull();
    expect(settingsOf({ analyzeSchedule: 'off' }).analyzeSchedule).toBeNull();
    expect(() => settingsOf({ analyzeSchedule: 'nightly' })).toThrow(/stockpipe:analyzeSchedule: `HH:MM`/);
  });

  it('check nothing with X on sample data: X never saw those posts', () => {
    expect(settingsOf({ source: 'sample' }).complianceSchedule).toBeNull();
  });
});

const environmentOf = (settings: typeof defaults) =>
  taskEnvironment(settings, {
    stack: 'prod',
    rawBucket: 'b',
    postsTable: 'p',
    pricesTable: 'q',
    topicArn: 'arn:aws:sns:us-east-1:123456789012:t',
    databaseHost: 'h',
    databaseSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s',
  });

describe('decisions', () => {
  it('schedules hourly at the stack’s minute, in UTC', () => {
    const schedule = parseSettings((key) => ({ scheduleMinute: '17' })[key]).schedule;
    expect(schedule).toMatchObject({ expression: 'cron(17 * * * ? *)', timeZone: 'UTC' });
  });

  it('schedules the session’s hours in New York time, so daylight saving moves them in UTC', () => {
    const schedule = parseSettings((key) => ({ schedule: 'market-hours' })[key]).schedule;
    expect(schedule).toMatchObject({
      expression: 'cron(5 10-16 ? * MON-FRI *)',
      timeZone: 'America/New_York',
    });
    // What that expression runs, read in its zone: Friday 6 March 2026 (EST) 14:00–20:00 UTC; Monday 9 March (EDT)
    // 13:00–19:00 UTC.
    const processed = (day: string) =>
      Array.from({ length: 24 }, (_, h) => h).filter((h) =>
        isScheduledHour(new Date(`${day}T${String(h).padStart(2, '0')}:00Z`), schedule),
      );
    expect(processed('2026-03-06')).toEqual([14, 15, 16, 17, 18, 19, 20]);
    expect(processed('2026-03-07')).toEqual([]);
    expect(processed('2026-03-09')).toEqual([13, 14, 15, 16, 17, 18, 19]);
  });

  it('hands a cron expression to the Scheduler as written, in UTC', () => {
    const schedule = parseSettings((key) => ({ schedule: 'cron(0 */2 ? * MON-FRI *)' })[key]).schedule;
    expect(schedule).toMatchObject({ expression: 'cron(0 */2 ? * MON-FRI *)', timeZone: 'UTC' });
  });

  it('keeps the database private unless CIDRs are listed', () => {
    expect(databasePlacement([])).toEqual({
      publiclyAccessible: false,
      subnets: 'isolated',
      ingressCidrs: [],
    });
    expect(databasePlacement(['198.51.100.7/32'])).toEqual({
      publiclyAccessible: true,
      subnets: 'public',
      ingressCidrs: ['198.51.100.7/32'],
    });
  });

  it('builds the task environment from the config contract only', () => {
    const names = environmentOf(defaults).map((e) => e.name);
    expect(names).toContain('DATABASE_SECRET_ARN');
    expect(names).not.toContain('X_BEARER_TOKEN');
    expect(names).not.toContain('X_BEARER_TOKEN_SECRET_ARN');
  });

  it('gives the job the schedule, the budget, the posts per hour and the stack, as the job reads them', () => {
    const settings = parseSettings(
      (key) =>
        ({ schedule: 'market-hours', xMonthlyBudgetUsd: '75.5', xMaxResults: '20', source: 'sample' })[key],
    );
    const env = Object.fromEntries(environmentOf(settings).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      STOCKPIPE_SCHEDULE: 'market-hours',
      STOCKPIPE_STACK: 'prod',
      X_MONTHLY_BUDGET_USD: '75.5',
      X_MAX_RESULTS: '20',
    });
    const job = parseConfig(env);
    expect(job).toMatchObject({ stack: 'prod', x: { maxResults: 20, monthlyBudgetUsd: 75.5 } });
    expect(job.schedule.timeZone).toBe('America/New_York');
  });

  it('gives the job the retention the stack keeps, as it reads it: the posts’ TTL and the top posts’ expiry', () => {
    const env = Object.fromEntries(environmentOf(defaults).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ STOCKPIPE_RAW_RETENTION_DAYS: '90', STOCKPIPE_POSTS_RETENTION_DAYS: '99' });
    expect(parseConfig({ ...env, X_BEARER_TOKEN: 'x' }).retention).toEqual({ rawDays: 90, postsDays: 99 });
  });

  it('runs the compliance check as a RunTask of the job’s task definition, its command overridden', () => {
    expect(
      commandRunTask(
        {
          clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/c',
          taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/stockpipe-job:3',
          subnetIds: ['s1', 's2'],
          securityGroupId: 'sg',
        },
        ['compliance'],
      ),
    ).toEqual({
      Cluster: 'arn:aws:ecs:us-east-1:1:cluster/c',
      TaskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/stockpipe-job:3',
      LaunchType: 'FARGATE',
      Count: 1,
      NetworkConfiguration: {
        AwsvpcConfiguration: { Subnets: ['s1', 's2'], SecurityGroups: ['sg'], AssignPublicIp: 'ENABLED' },
      },
      Overrides: { ContainerOverrides: [{ Name: 'pipeline', Command: ['compliance'] }] },
    });
  });

  it('writes ready commands: backfill and replay override the container’s command, ranges as placeholders', () => {
    const commands = operatorCommands({
      cluster: 'c',
      taskDefinition: 'stockpipe-job',
      subnets: ['s1', 's2'],
      securityGroup: 'sg',
      logGroup: '/g',
    });
    const overrides = (command: string) => JSON.parse(/--overrides '(.*)'$/.exec(command)?.[1] ?? 'null');
    expect(commands.backfillCommand.startsWith(commands.runNowCommand)).toBe(true);
    expect(overrides(commands.backfillCommand)).toEqual({
      containerOverrides: [
        { name: 'pipeline', command: ['backfill', '--from', 'FROM', '--to', 'TO', '--yes'] },
      ],
    });
    // Replay is CPU-bound: it asks for a whole vCPU (a valid Fargate size) for as long as it runs.
    expect(overrides(commands.replayCommand)).toEqual({
      cpu: '1024',
      memory: '2048',
      containerOverrides: [{ name: 'pipeline', command: ['replay', '--from', 'FROM', '--to', 'TO'] }],
    });
    expect(overrides(commands.complianceCommand)).toEqual({
      containerOverrides: [{ name: 'pipeline', command: ['compliance'] }],
    });
    // The status grid, on the task's default size: it prints to the log group, where tailLogsCommand follows it.
    expect(overrides(commands.statusCommand)).toEqual({
      containerOverrides: [{ name: 'pipeline', command: ['status'] }],
    });
  });
});

describe('costEstimate', () => {
  it('adds up a month of the default stack: X’s posts are most of it; the AWS part, the database most of that', () => {
    const { lines, totalUsd } = costEstimate(defaults);
    const usd = (item: string) => lines.find((l) => l.item.startsWith(item))?.monthlyUsd ?? 0;
    // The same figures stockpipe plan prints for the same configuration (packages/pipeline/test/plan-command.test.ts).
    expect(totalUsd).toBeCloseTo(231.17, 2);
    expect(usd('X posts read')).toBeCloseTo(182.5, 6);
    expect(usd('X post counts')).toBeCloseTo(18.25, 6);
    expect(usd('Comprehend')).toBeCloseTo(10.95, 6);
    // The daily compliance check: a short task, its two metrics and its alarm.
    expect(usd('Compliance check')).toBeCloseTo(0.1426, 4);
    expect(costEstimate({ ...defaults, complianceSchedule: null }).totalUsd).toBeCloseTo(231.03, 2);
    // The daily analyze --save (and the digest, off by default): a short task each.
    expect(usd('Digest and analysis tasks')).toBeCloseTo(0.0176, 4);
    expect(costEstimate({ ...defaults, analyzeSchedule: null }).totalUsd).toBeCloseTo(231.15, 2);
    const aws = totalUsd - usd('X posts read') - usd('X post counts') - usd('Comprehend');
    expect(aws).toBeCloseTo(19.47, 2);
    expect((usd('RDS db') + usd('RDS storage')) / aws).toBeGreaterThan(0.7);
  });

  it('shows what Comprehend adds: about 3 tenths of a cent a post', () => {
    const withComprehend = costEstimate(defaults).totalUsd;
    const withLocal = costEstimate({ ...defaults, sentiment: 'local' }).totalUsd;
    expect(withComprehend - withLocal).toBeCloseTo(5 * 10 * 730 * 0.0003, 2);
  });

  it('follows the stack’s levers: market hours cut X’s posts by 79%', () => {
    const marketHours = parseSettings((key) => ({ schedule: 'market-hours' })[key]);
    const x = (settings: typeof defaults) =>
      costEstimate(settings).lines.find((l) => l.item === 'X posts read')?.monthlyUsd ?? 0;
    expect(x(marketHours)).toBeCloseTo(38.06, 2);
    expect(1 - x(marketHours) / x(defaults)).toBeCloseTo(0.79, 2);
  });
});
