import { readFileSync } from 'node:fs';
import { DEMO_WATCHLIST } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { costEstimate } from '../src/decisions/cost.ts';
import { databasePlacement, scheduleExpression, taskEnvironment } from '../src/decisions/job.ts';
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
    });
    expect(defaults.watchlist.map((w) => w.ticker)).toEqual(['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA']);
    expect(defaults.watchlistText).toBe(DEMO_WATCHLIST);
  });

  it('declare in Pulumi.yaml the same default watchlist as the demo', () => {
    const yaml = readFileSync(new URL('../Pulumi.yaml', import.meta.url), 'utf8');
    const declared = /\n {2}stockpipe:watchlist:[\s\S]*?\n {4}default: "([^"]*)"/.exec(yaml)?.[1];
    expect(declared).toBe(DEMO_WATCHLIST);
  });

  it('name the key of a bad value', () => {
    const config: Record<string, string> = {
      watchlist: 'not a ticker',
      databasePublicCidrs: '["0.0.0.0/99"]',
    };
    expect(() => parseSettings((key) => config[key])).toThrow(
      /stockpipe:watchlist[\s\S]*stockpipe:databasePublicCidrs/,
    );
    expect(() => parseSettings((key) => ({ taskCpu: '256', taskMemory: '4096' })[key])).toThrow(
      /not a Fargate size/,
    );
  });
});

describe('decisions', () => {
  it('schedules hourly at the given minute, in a cron AWS accepts', () => {
    expect(scheduleExpression(5)).toBe('cron(5 * * * ? *)');
    expect(() => scheduleExpression(60)).toThrow(/0–59/);
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
    const names = taskEnvironment(defaults, {
      rawBucket: 'b',
      postsTable: 'p',
      pricesTable: 'q',
      topicArn: 't',
      databaseHost: 'h',
      databaseSecretArn: 's',
    }).map((e) => e.name);
    expect(names).toContain('DATABASE_SECRET_ARN');
    expect(names).not.toContain('X_BEARER_TOKEN');
    expect(names).not.toContain('X_BEARER_TOKEN_SECRET_ARN');
  });
});

describe('costEstimate', () => {
  it('adds up a month of the default stack, the database being most of it', () => {
    const { lines, totalUsd } = costEstimate({ ...defaults, sentiment: 'local' });
    const database = lines.filter((l) => l.item.startsWith('RDS')).reduce((n, l) => n + l.monthlyUsd, 0);
    expect(database / totalUsd).toBeGreaterThan(0.85);
    expect(totalUsd).toBeCloseTo(15.31, 1);
  });

  it('shows what Comprehend adds: about 3 tenths of a cent a post', () => {
    const withComprehend = costEstimate(defaults).totalUsd;
    const withLocal = costEstimate({ ...defaults, sentiment: 'local' }).totalUsd;
    expect(withComprehend - withLocal).toBeCloseTo(5 * 10 * 730 * 0.0003, 2);
  });
});
