import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/index.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      // The five companies of the demo: what the job, the demo and the stack all start with.
      watchlist: [
        { ticker: 'AMZN', query: '#Amazon' },
        { ticker: 'AAPL', query: '#Apple' },
        { ticker: 'MSFT', query: '#Microsoft' },
        { ticker: 'TSLA', query: '#Tesla' },
        { ticker: 'NVDA', query: '#Nvidia' },
      ],
      source: 'sample',
      store: 'local',
      sentiment: 'local',
      dataDir: '.stockpipe',
      concurrency: 4,
      runBudgetSeconds: 900,
      lockWaitSeconds: 120,
      databaseUrl: undefined,
      logLevel: undefined,
    });
    expect(config.x.maxResults).toBe(10);
  });

  it('reads a watchlist of ticker:query pairs, a bare ticker searching its cashtag', () => {
    const config = parseConfig({ STOCKPIPE_WATCHLIST: 'amzn:#Amazon, MSFT:#Microsoft OR $MSFT,TSLA' });
    expect(config.watchlist).toEqual([
      { ticker: 'AMZN', query: '#Amazon' },
      { ticker: 'MSFT', query: '#Microsoft OR $MSFT' },
      { ticker: 'TSLA', query: '$TSLA' },
    ]);
  });

  it('lets the sentiment scorer follow the store unless set', () => {
    const aws = {
      STOCKPIPE_STORE: 'aws',
      RAW_BUCKET: 'raw',
      POSTS_TABLE: 'posts',
      PRICES_TABLE: 'prices',
      SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:stockpipe',
      DATABASE_URL: 'postgresql://stockpipe@db:5432/stockpipe',
    };
    expect(parseConfig(aws).sentiment).toBe('comprehend');
    expect(parseConfig({ ...aws, STOCKPIPE_SENTIMENT: 'local' }).sentiment).toBe('local');
  });

  it('gives the AWS store its resources, all present, and the local store none', () => {
    const aws = parseConfig({
      STOCKPIPE_STORE: 'aws',
      RAW_BUCKET: 'raw',
      POSTS_TABLE: 'posts',
      PRICES_TABLE: 'prices',
      SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:stockpipe',
    });
    expect(aws.store === 'aws' && aws.aws).toEqual({
      rawBucket: 'raw',
      postsTable: 'posts',
      pricesTable: 'prices',
      snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:stockpipe',
    });
    const local = parseConfig({ RAW_BUCKET: 'ignored' });
    expect(local.store).toBe('local');
    expect('aws' in local).toBe(false);
  });

  it('names each bad variable and what it expected', () => {
    const problems = problemsOf({
      STOCKPIPE_SOURCE: 'twitter',
      STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,not a ticker:#x',
      X_MAX_RESULTS: '500',
      DATABASE_URL: 'mysql://nope',
    });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('STOCKPIPE_SOURCE:'))).toBe(
      'STOCKPIPE_SOURCE: expected one of live, sample (got "twitter")',
    );
    expect(problems.find((p) => p.startsWith('STOCKPIPE_WATCHLIST:'))).toMatch(/"not a ticker": a ticker is/);
    expect(problems.find((p) => p.startsWith('X_MAX_RESULTS:'))).toMatch(/integer from 10 to 100.*"500"/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(/postgres:\/\//);
  });

  it('#20.8 never echoes a bad DATABASE_URL’s password', () => {
    for (const url of [
      'mysql://admin:s3cret@db:3306/x',
      'postgre://admin:p@ss/w0rd@db/x',
      ' http://u:s3cret@db ',
    ]) {
      const problem = problemsOf({ DATABASE_URL: url }).find((p) => p.startsWith('DATABASE_URL:'));
      expect(problem).toMatch(/admin:\*\*\*@db|u:\*\*\*@db/);
      expect(problem).not.toMatch(/s3cret|p@ss|w0rd/);
    }
  });

  it('reads the schedule, the stack and the X budget, with defaults for one machine', () => {
    const config = parseConfig({});
    expect(config.schedule.text).toBe('hourly');
    expect(config.stack).toBeUndefined();
    expect(config.x.monthlyBudgetUsd).toBe(225);
    const set = parseConfig({
      STOCKPIPE_SCHEDULE: 'market-hours',
      STOCKPIPE_STACK: 'prod',
      X_MONTHLY_BUDGET_USD: '49.5',
    });
    expect(set.schedule).toMatchObject({ text: 'market-hours', timeZone: 'America/New_York' });
    expect(set.stack).toBe('prod');
    expect(set.x.monthlyBudgetUsd).toBe(49.5);
    expect(parseConfig({ STOCKPIPE_SCHEDULE: 'cron(5 */2 * * ? *)' }).schedule.expression).toBe(
      'cron(5 */2 * * ? *)',
    );
  });

  it('refuses a schedule it cannot read and a budget that is not dollars', () => {
    const problems = problemsOf({ STOCKPIPE_SCHEDULE: 'daily', X_MONTHLY_BUDGET_USD: '-5' });
    expect(problems.find((p) => p.startsWith('STOCKPIPE_SCHEDULE:'))).toMatch(
      /expected hourly, market-hours or an AWS cron expression.*\(got "daily"\)/,
    );
    expect(problems.find((p) => p.startsWith('X_MONTHLY_BUDGET_USD:'))).toMatch(/"-5"/);
    expect(problemsOf({ X_MONTHLY_BUDGET_USD: 'lots' })[0]).toMatch(
      /X_MONTHLY_BUDGET_USD: expected US dollars/,
    );
  });

  it('asks for the AWS resources and credentials their modes need', () => {
    const problems = problemsOf({ STOCKPIPE_STORE: 'aws', STOCKPIPE_SOURCE: 'live' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'POSTS_TABLE',
      'PRICES_TABLE',
      'RAW_BUCKET',
      'SNS_TOPIC_ARN',
      'X_BEARER_TOKEN',
    ]);
  });

  it('keeps raw bodies 90 days, and post documents as long as the raw bodies unless told longer', () => {
    expect(parseConfig({}).retention).toEqual({ rawDays: 90, postsDays: 90 });
    expect(parseConfig({ STOCKPIPE_RAW_RETENTION_DAYS: '30' }).retention).toEqual({
      rawDays: 30,
      postsDays: 30,
    });
    expect(
      parseConfig({ STOCKPIPE_RAW_RETENTION_DAYS: '30', STOCKPIPE_POSTS_RETENTION_DAYS: '365' }).retention,
    ).toEqual({ rawDays: 30, postsDays: 365 });
  });

  it('refuses post documents kept fewer days than the raw bodies, which compliance finds through them', () => {
    expect(problemsOf({ STOCKPIPE_POSTS_RETENTION_DAYS: '30' })).toEqual([
      'STOCKPIPE_POSTS_RETENTION_DAYS: expected at least STOCKPIPE_RAW_RETENTION_DAYS (90): compliance finds the posts in raw bodies through the post documents (got "30")',
    ]);
    expect(problemsOf({ STOCKPIPE_RAW_RETENTION_DAYS: '0' })[0]).toMatch(
      /^STOCKPIPE_RAW_RETENTION_DAYS: expected an integer from 1 to 3650/,
    );
  });
});
