import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_WATCHLIST_TEXT } from '@stockpipe/shared';
import {
  awsEmulatorEnvironment,
  type Emulator,
  type FakeServer,
  type FreshDatabase,
  freshDatabase,
  startDynamoDb,
  startFakeComprehend,
  startFakeSecretsManager,
  startFakeSns,
  startS3,
} from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEvents, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// STOCKPIPE_STORE=aws against real protocol emulators (s3rver, dynalite) and local fakes of Comprehend and SNS,
// reached only through the SDK's own AWS_ENDPOINT_URL_* variables.
const WATCHLIST = DEFAULT_WATCHLIST_TEXT;
const HOUR = '2024-12-06T15:00Z';
let s3: Emulator;
let dynamo: Emulator;
let comprehend: FakeServer;
let sns: Awaited<ReturnType<typeof startFakeSns>>;
let database: FreshDatabase;
let env: Record<string, string | undefined>;
const aws = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
};

beforeAll(async () => {
  [s3, dynamo, comprehend, sns, database] = await Promise.all([
    startS3('stockpipe-raw'),
    startDynamoDb({ posts: 'stockpipe-posts', prices: 'stockpipe-prices' }),
    startFakeComprehend(),
    startFakeSns(),
    freshDatabase(process.env.DATABASE_URL),
  ]);
  env = {
    STOCKPIPE_STORE: 'aws',
    STOCKPIPE_SOURCE: 'sample',
    STOCKPIPE_WATCHLIST: WATCHLIST,
    STOCKPIPE_DATA_DIR: await tempDir('aws'),
    // Each test runs an hour of its own and counts what that hour did; catch-up (ledger.e2e.test.ts) would heal
    // the hours between them.
    STOCKPIPE_CATCHUP_HOURS: '0',
    RAW_BUCKET: 'stockpipe-raw',
    POSTS_TABLE: 'stockpipe-posts',
    PRICES_TABLE: 'stockpipe-prices',
    SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:stockpipe-runs',
    DATABASE_URL: database.url,
    ...awsEmulatorEnvironment({
      S3: s3.endpoint,
      DYNAMODB: dynamo.endpoint,
      COMPREHEND: comprehend.url,
      SNS: sns.url,
    }),
  };
});
afterAll(async () => {
  await Promise.all([s3.close(), dynamo.close(), comprehend.close(), sns.close(), database.drop()]);
});

async function counts() {
  const s3Client = new S3Client({ ...aws, endpoint: s3.endpoint });
  const dynamoClient = new DynamoDBClient({ ...aws, endpoint: dynamo.endpoint });
  try {
    const objects = await s3Client.send(new ListObjectsV2Command({ Bucket: 'stockpipe-raw' }));
    const posts = await dynamoClient.send(new ScanCommand({ TableName: 'stockpipe-posts', Select: 'COUNT' }));
    const prices = await dynamoClient.send(
      new ScanCommand({ TableName: 'stockpipe-prices', Select: 'COUNT' }),
    );
    const rows = await readRows(database.url, env.STOCKPIPE_DATA_DIR as string);
    return {
      objects: objects.Contents?.map((o) => o.Key ?? '') ?? [],
      posts: posts.Count,
      prices: prices.Count,
      rows,
    };
  } finally {
    s3Client.destroy();
    dynamoClient.destroy();
  }
}

describe('stockpipe run with STOCKPIPE_STORE=aws', () => {
  it('stages raw bytes in S3, documents in DynamoDB, rows in PostgreSQL, one SNS message, at the fewest calls', async () => {
    const result = await stockpipe(['run', '--hour', HOUR], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const after = await counts();
    expect(after.objects.sort()).toEqual(
      ['AAPL', 'AMZN', 'MSFT', 'NVDA', 'TSLA']
        .flatMap((t) => [
          `sample/x-recent-search/ticker=${t}/hour=2024-12-06T15/response.json`,
          `sample/yahoo-chart/ticker=${t}/hour=2024-12-06T15/response.json`,
          // The sample counts of a week from the hour, under the newest hour they count.
          `sample/x-recent-counts/ticker=${t}/hour=2024-12-13T14/response.json`,
        ])
        .sort(),
    );
    const totalPosts = after.rows.reduce((n, r) => n + r.postCount, 0);
    expect(after).toMatchObject({ posts: totalPosts, prices: 5 });
    expect(after.rows).toHaveLength(5);

    // The staged X body is the one the source produced, byte for byte, and the row counts its posts.
    const s3Client = new S3Client({ ...aws, endpoint: s3.endpoint });
    const staged = await s3Client.send(
      new GetObjectCommand({
        Bucket: 'stockpipe-raw',
        Key: 'sample/x-recent-search/ticker=AMZN/hour=2024-12-06T15/response.json',
      }),
    );
    const body = JSON.parse((await staged.Body?.transformToString()) ?? '{}');
    s3Client.destroy();
    expect(staged.Metadata?.['run-id']).toBe(after.rows[0]?.runId);
    expect(after.rows.find((r) => r.ticker === 'AMZN')?.postCount).toBe(body.meta.result_count);

    const messages = sns.messages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      Subject: 'stockpipe succeeded: 2024-12-06T15:00Z, 5/5 tickers loaded',
      'MessageAttributes.entry.1.Value.StringValue': 'succeeded',
    });

    // Calls per service, against the minimum: per raw body one get (never fetch what is staged) and one put, per
    // ticker one listing of its staged counts and one put of the counts asked, ⌈items/25⌉ batch writes, ⌈posts/25⌉
    // Comprehend calls per language, one warehouse transaction, one message.
    const requests = comprehend.requests.map(
      (r) => JSON.parse(r.body) as { TextList: string[]; LanguageCode: string },
    );
    const perLanguage = Map.groupBy(
      requests.flatMap((r) => r.TextList.map(() => r.LanguageCode)),
      (l) => l,
    );
    const minimumComprehend = [...perLanguage.values()].reduce(
      (n, texts) => n + Math.ceil(texts.length / 25),
      0,
    );
    const finished = logEvents(result.stdout).find((e) => e.msg === 'run finished');
    expect(finished?.calls).toEqual({
      comprehend: minimumComprehend,
      dynamodb: Math.ceil((totalPosts + 5) / 25),
      postgres: 1,
      s3: 30,
      sns: 1,
    });
  });

  it('changes no counts when the hour is run again', async () => {
    const before = await counts();
    expect((await stockpipe(['run', '--hour', HOUR], env)).code).toBe(0);
    const after = await counts();
    expect(after).toEqual(before);
    expect(sns.messages()).toHaveLength(2);
  });

  // The secret's credentials are for a server: an embedded warehouse (no DATABASE_URL, a laptop) has no login.
  it.skipIf(!process.env.DATABASE_URL)(
    'takes the database credentials from the RDS-style secret, and never logs them',
    async () => {
      const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-e2e';
      const secrets = await startFakeSecretsManager({
        [arn]: JSON.stringify({ username: 'postgres', password: 'pw-never-logged' }),
      });
      try {
        const result = await stockpipe(['run', '--hour', '2024-12-06T19:00Z'], {
          ...env,
          DATABASE_SECRET_ARN: arn,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
        });
        expect(result.code).toBe(0);
        expect(secrets.requests).toHaveLength(1);
        expect(result.stdout + result.stderr).not.toContain('pw-never-logged');
      } finally {
        await secrets.close();
      }
    },
  );

  it('keeps the loaded data when SNS is down, and logs the failure to notify', async () => {
    const result = await stockpipe(['run', '--hour', '2024-12-06T16:00Z'], {
      ...env,
      AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(result.code).toBe(0);
    const notify = logEvents(result.stdout).find((e) => e.stage === 'notify');
    expect(notify).toMatchObject({ msg: 'notify failed', level: 40 });
    expect(
      (await counts()).rows.filter((r) => r.hourStart.toISOString() === '2024-12-06T16:00:00.000Z'),
    ).toHaveLength(5);
  });

  it('exits 1 when PostgreSQL is unreachable, with the raw data already staged and nothing loaded', async () => {
    const result = await stockpipe(['run', '--hour', '2024-12-06T17:00Z'], {
      ...env,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/nowhere',
    });
    expect(result.code).toBe(1);
    const load = logEvents(result.stdout).find((e) => e.stage === 'load');
    expect(load).toMatchObject({ msg: 'stage failed' });
    const after = await counts();
    expect(after.objects.filter((k) => k.includes('hour=2024-12-06T17'))).toHaveLength(10);
    expect(after.rows.filter((r) => r.hourStart.toISOString() === '2024-12-06T17:00:00.000Z')).toEqual([]);
    expect(sns.messages().at(-1)?.Subject).toBe('stockpipe failed: 2024-12-06T17:00Z, 0/5 tickers loaded');
  });
});
