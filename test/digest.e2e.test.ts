import { type FakeServer, type FreshDatabase, freshDatabase, startFakeSns } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// `stockpipe digest`: a day of the warehouse in one message, printed, and in AWS published with status `digest`.
const DAY = '2024-12-06'; // a Friday: New York trades 14:30–21:00 UTC
let database: FreshDatabase;
let sns: FakeServer & { messages: () => Record<string, string>[] };
let env: Record<string, string | undefined>;

beforeAll(async () => {
  [database, sns] = await Promise.all([freshDatabase(process.env.DATABASE_URL), startFakeSns()]);
  env = {
    STOCKPIPE_DATA_DIR: await tempDir('digest'),
    STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,MSFT:#Microsoft',
    STOCKPIPE_CATCHUP_HOURS: '0',
    DATABASE_URL: database.url,
  };
  // Thursday's last hour too: the day's change is against its close.
  for (const hour of ['2024-12-05T20', `${DAY}T02`, `${DAY}T14`, `${DAY}T15`])
    expect((await stockpipe(['run', '--hour', `${hour}:00Z`], env)).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([database.drop(), sns.close()]);
});

describe('stockpipe digest', () => {
  it('counts the day’s ticker-hours loaded and missing, per ticker, with sentiment and price', async () => {
    const result = await stockpipe(['digest', '--day', DAY], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^stockpipe digest 2024-12-06: 6\/48 ticker-hours loaded, 42 missing\n/);
    expect(result.stdout).toMatch(/schedule hourly: 24 scheduled hours × 2 tickers/);
    expect(result.stdout).toMatch(
      /\nAMZN +3 +0 +21 +\d+ +[+−]\d\.\d{3} +\d+\.\d\d → \d+\.\d\d \([+−]\d\.\d\d%\)\n/,
    );
    expect(result.stdout).toMatch(/Failed or missing \(42, the first 10, failures first;/);
    expect(result.stdout).toMatch(/\n {2}AMZN 2024-12-06T00:00Z missing: no run recorded it\n/);
  });

  it('counts only the hours the schedule runs', async () => {
    const result = await stockpipe(['digest', '--day', DAY], {
      ...env,
      STOCKPIPE_SCHEDULE: 'market-hours',
    });
    // 14:00–20:00 UTC overlap New York's session on a December Friday: 7 hours. The 02:00 run is not counted,
    // nor are its posts.
    expect(result.stdout).toMatch(/^stockpipe digest 2024-12-06: 4\/14 ticker-hours loaded, 10 missing\n/);
    const rows = await readRows(database.url, env.STOCKPIPE_DATA_DIR as string);
    const marketPosts = rows
      .filter(
        (r) =>
          r.ticker === 'AMZN' &&
          r.hourStart.toISOString().startsWith(`${DAY}T`) &&
          r.hourStart.getUTCHours() >= 14,
      )
      .reduce((sum, r) => sum + r.postCount, 0);
    expect(result.stdout).toMatch(new RegExp(`\\nAMZN +2 +0 +5 +${marketPosts} `));
    // A Saturday has no market hour: nothing was due, nothing to mail.
    const saturday = await stockpipe(['digest', '--day', '2024-12-07'], {
      ...env,
      STOCKPIPE_SCHEDULE: 'market-hours',
    });
    expect(saturday.code).toBe(0);
    expect(saturday.stdout).toMatch(
      /no hour of the day is on the schedule \(market-hours\); nothing to report/,
    );
  });

  it('publishes to the alert topic in AWS, with status digest for the email filter', async () => {
    const aws = {
      ...env,
      STOCKPIPE_STORE: 'aws',
      STOCKPIPE_SENTIMENT: 'local',
      RAW_BUCKET: 'unused',
      POSTS_TABLE: 'unused',
      PRICES_TABLE: 'unused',
      SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:stockpipe-alerts',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SNS: sns.url,
    };
    const result = await stockpipe(['digest', '--day', DAY], aws);
    expect(result.code).toBe(0);
    expect(sns.messages()).toHaveLength(1);
    expect(sns.messages()[0]).toMatchObject({
      Subject: 'stockpipe digest 2024-12-06: 6/48 ticker-hours loaded, 42 missing',
      'MessageAttributes.entry.1.Name': 'status',
      'MessageAttributes.entry.1.Value.StringValue': 'digest',
    });
    // SNS down: the digest is still printed, and the exit says it was not sent.
    const down = await stockpipe(['digest', '--day', DAY], {
      ...aws,
      AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:1',
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(down.stdout).toMatch(/^stockpipe digest 2024-12-06/);
    expect(down.stderr).toMatch(/digest not published/);
    expect(down.code).toBe(1);
  });

  it('refuses a day that is not a real, past UTC date (exit 2)', async () => {
    for (const day of ['2024-02-30', '06/12/2024', '2099-01-01', '']) {
      const result = await stockpipe(['digest', '--day', day], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^stockpipe: bad configuration: --day: /);
    }
  });
});
