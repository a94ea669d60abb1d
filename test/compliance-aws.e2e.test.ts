import {
  awsEmulatorEnvironment,
  type Emulator,
  type FakeServer,
  type FakeXServer,
  type FreshDatabase,
  freshDatabase,
  startDynamoDb,
  startFakeSns,
  startFakeXServer,
  startFakeYahooServer,
  startS3,
} from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEvents, stockpipe, tempDir } from './support/cli.ts';
import { startFlakyProxy } from './support/flaky-proxy.ts';
import { type Content, itemsIn, mentions, objectsIn, warehouseOf } from './support/stored-content.ts';

// `stockpipe compliance` with STOCKPIPE_STORE=aws, against s3rver, dynalite, a fake SNS and PostgreSQL (PGlite
// without DATABASE_URL), X and Yahoo answered by local fakes: as the daily task runs it in the stack.
const HOUR = '2024-12-06T20:00Z';
const verdicts = new Map<string, string>();
let s3: Emulator;
let dynamo: Emulator;
let sns: Awaited<ReturnType<typeof startFakeSns>>;
let x: FakeXServer;
let yahoo: FakeServer;
let database: FreshDatabase;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  [s3, dynamo, sns, x, yahoo, database] = await Promise.all([
    startS3('compliance-raw'),
    startDynamoDb({ posts: 'compliance-posts', prices: 'compliance-prices' }),
    startFakeSns(),
    startFakeXServer({ bearerToken: 'e2e-token', compliance: { verdict: (id) => verdicts.get(id) } }),
    startFakeYahooServer(),
    freshDatabase(process.env.DATABASE_URL),
  ]);
  env = {
    STOCKPIPE_STORE: 'aws',
    STOCKPIPE_SOURCE: 'live',
    STOCKPIPE_SENTIMENT: 'local',
    STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,MSFT:#Microsoft',
    STOCKPIPE_DATA_DIR: await tempDir('compliance-aws'),
    STOCKPIPE_CATCHUP_HOURS: '0',
    STOCKPIPE_STACK: 'e2e',
    LOG_LEVEL: 'info',
    RAW_BUCKET: 'compliance-raw',
    POSTS_TABLE: 'compliance-posts',
    PRICES_TABLE: 'compliance-prices',
    SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:stockpipe-runs',
    X_BEARER_TOKEN: 'e2e-token',
    X_API_BASE_URL: x.url,
    YAHOO_FINANCE_BASE_URL: yahoo.url,
    DATABASE_URL: database.url,
    ...awsEmulatorEnvironment({ S3: s3.endpoint, DYNAMODB: dynamo.endpoint, SNS: sns.url }),
  };
  for (const hour of [HOUR, '2024-12-06T21:00Z'])
    expect((await stockpipe(['run', '--hour', hour], env)).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([s3.close(), dynamo.close(), sns.close(), x.close(), yahoo.close(), database.drop()]);
});

async function stored() {
  const [raw, items, warehouse] = await Promise.all([
    objectsIn(s3.endpoint, 'compliance-raw'),
    itemsIn(dynamo.endpoint, ['compliance-posts', 'compliance-prices']),
    warehouseOf(database.url, env.STOCKPIPE_DATA_DIR as string),
  ]);
  return { raw, items, ...warehouse };
}
const everywhere = (s: Awaited<ReturnType<typeof stored>>): Content[] => [s.raw, s.items, s.topPosts];
const postsOf = async (ticker: string, hour: string) => {
  const raw = await objectsIn(s3.endpoint, 'compliance-raw');
  const body = raw.get(`x/recent-search/ticker=${ticker}/hour=${hour}/response.json`) as string;
  return (JSON.parse(body) as { data: { id: string }[] }).data.map((p) => p.id);
};

describe('stockpipe compliance on S3, DynamoDB and PostgreSQL', () => {
  let gone: string[];

  it('removes what X says must go from every object, item and top post; notifies, logs its metrics', async () => {
    const [deleted, , , protectedPost] = await postsOf('AMZN', '2024-12-06T20');
    gone = [deleted as string, protectedPost as string];
    verdicts.set(gone[0] as string, 'deleted').set(gone[1] as string, 'protected');
    const before = await stored();
    for (const content of everywhere(before)) expect(mentions(content, gone).length).toBeGreaterThan(0);

    const result = await stockpipe(['compliance'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/raw bodies\s+4 posts from 2 bodies/);
    // S3's lifecycle and DynamoDB's TTL expire the bodies and documents: the job expires only the top posts.
    expect(result.stdout).toMatch(/^retention: top posts 0 expired \(kept 90 days\)$/m);
    const after = await stored();
    for (const content of everywhere(after)) expect(mentions(content, gone)).toEqual([]);
    expect(after.rows).toEqual(before.rows);
    // The hour's other posts stay, whole, with a fresh expiry: they outlive the body rewritten beside them.
    const kept = [...after.items].filter(([key]) => key.startsWith('compliance-posts/AMZN/2024-12-06T20#'));
    expect(kept).toHaveLength(5);
    for (const [key, item] of kept) {
      const was = JSON.parse(before.items.get(key) as string);
      const now = JSON.parse(item);
      expect({ ...now, expiresAt: undefined }).toEqual({ ...was, expiresAt: undefined });
      expect(Number(now.expiresAt.N)).toBeGreaterThanOrEqual(Number(was.expiresAt.N));
    }

    expect(sns.messages().at(-1)).toMatchObject({
      Subject: 'stockpipe compliance succeeded: 14 posts checked, 2 removed',
      'MessageAttributes.entry.1.Value.StringValue': 'succeeded',
    });
    const finished = logEvents(result.stderr).find((e) => e.msg === 'compliance finished');
    expect(finished).toMatchObject({ status: 'succeeded', postsChecked: 14, postsRemoved: 2, stack: 'e2e' });
    expect(result.stderr).not.toContain(gone[0]);
  });

  it('removes nothing more when run again, and a replay of the hour does not restore them', async () => {
    const again = await stockpipe(['compliance'], env);
    expect(again.code).toBe(0);
    expect(logEvents(again.stderr).find((e) => e.msg === 'compliance finished')).toMatchObject({
      postsChecked: 12,
      postsRemoved: 0,
    });
    const replay = await stockpipe(['replay', '--from', HOUR, '--to', HOUR], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/MSFT: 1 replayed hours had posts removed by compliance/);
    for (const content of everywhere(await stored())) expect(mentions(content, gone)).toEqual([]);
  });

  it('exits 1 when S3 goes down midway, keeps the posts findable, and a rerun finishes the removal', async () => {
    const [, deleted] = await postsOf('AMZN', '2024-12-06T21');
    verdicts.set(deleted as string, 'deleted');
    // S3 answers the first few requests of the removal, then 503s.
    const proxy = await startFlakyProxy(s3.endpoint, 6);
    try {
      const failed = await stockpipe(['compliance'], {
        ...env,
        AWS_ENDPOINT_URL_S3: proxy.url,
        AWS_MAX_ATTEMPTS: '1',
      });
      expect(failed.code).toBe(1);
      expect(proxy.served()).toBeGreaterThan(6);
      expect(failed.stdout).toMatch(/raw bodies .*FAILED for \d ticker-hours?: /);
      expect(failed.stdout).toContain('not finished: run `stockpipe compliance` again');
      expect(sns.messages().at(-1)?.Subject).toMatch(
        /^stockpipe compliance failed: 12 posts checked, [01] removed$/,
      );
    } finally {
      await proxy.close();
    }
    // Whatever S3 did not clean is still where the next run finds it: its post documents.
    const between = await stored();
    expect(mentions(between.items, [deleted as string]).length).toBeGreaterThan(0);

    const rerun = await stockpipe(['compliance'], env);
    expect(rerun.code).toBe(0);
    const after = await stored();
    for (const content of everywhere(after)) expect(mentions(content, [deleted as string])).toEqual([]);
    // Each body's record names each removal once, however many runs it took.
    const record = JSON.parse(
      after.raw.get('x/recent-search/ticker=AMZN/hour=2024-12-06T21/redactions.json') as string,
    );
    expect(record.redactions).toHaveLength(1);
  });
});
