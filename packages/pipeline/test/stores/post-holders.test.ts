import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Emulator, type FreshDatabase, freshDatabase, startDynamoDb } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostHolder } from '../../src/ports.ts';
import type { HourRemoval, ScoredPost, TopPost, WarehouseRow } from '../../src/records.ts';
import { DynamoDbDocumentStore } from '../../src/stores/dynamodb-document-store.ts';
import { DynamoDbPostDocuments } from '../../src/stores/dynamodb-post-documents.ts';
import { LocalDocumentStore } from '../../src/stores/local-document-store.ts';
import { LocalPostDocuments } from '../../src/stores/local-post-documents.ts';
import { type OpenWarehouse, openWarehouse } from '../../src/stores/open-warehouse.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

// The stores compliance lists the stored posts from and removes them from: the post documents (files, DynamoDB)
// and the warehouse's top posts (a PostgreSQL server when DATABASE_URL is set, PGlite otherwise).
let dynamo: Emulator;
let documents: DynamoDBDocumentClient;
let database: FreshDatabase;
let warehouse: OpenWarehouse;
beforeAll(async () => {
  [dynamo, database] = await Promise.all([
    startDynamoDb({ posts: 'posts', prices: 'prices' }),
    freshDatabase(process.env.DATABASE_URL),
  ]);
  useAwsEnvironment({ DYNAMODB: dynamo.endpoint });
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  warehouse = await openWarehouse({
    url: database.url,
    dataDir: await mkdtemp(join(tmpdir(), 'stockpipe-holders-')),
  });
});
afterAll(async () => {
  documents.destroy();
  await warehouse?.close();
  await Promise.all([dynamo.close(), database?.drop()]);
});

const hour = (h: number) => new Date(Date.UTC(2024, 11, 6, h));
const post = (ticker: string, h: number, postId: string): ScoredPost => ({
  postId,
  ticker,
  hourStart: hour(h),
  authorId: '42',
  createdAt: new Date(hour(h).getTime() + 60_000),
  lang: 'en',
  text: `post ${postId} about $${ticker}`,
  engagement: { likes: Number(postId), reposts: 0, replies: 0, quotes: 0 },
  sentiment: null,
  unscoredReason: 'unsupported_language',
});
// Two tickers, two hours; post 104 is in both tickers' searches.
const stored = [
  post('AMZN', 15, '101'),
  post('AMZN', 15, '102'),
  post('AMZN', 16, '103'),
  post('AMZN', 16, '104'),
  post('MSFT', 16, '104'),
  post('MSFT', 16, '105'),
];
const byTickerHour = Map.groupBy(stored, (p) => `${p.ticker}|${p.hourStart.getTime()}`);

async function seedDocuments(store: LocalDocumentStore | DynamoDbDocumentStore) {
  await store.putAll(
    [...byTickerHour.values()].map((posts) => {
      const { ticker, hourStart } = posts[0] as ScoredPost;
      return { ticker, hourStart, posts, candle: { status: 'market_closed', ticker, hourStart } };
    }),
  );
}

async function seedTopPosts() {
  const rows = [...byTickerHour.values()].map((posts): WarehouseRow => {
    const { ticker, hourStart } = posts[0] as ScoredPost;
    return {
      ticker,
      hourStart,
      postCount: posts.length,
      scoredCount: 0,
      sentimentScore: null,
      sentimentLabel: null,
      majorityLabel: null,
      sentimentWeight: null,
      postVolume: null,
      positiveCount: 0,
      negativeCount: 0,
      neutralCount: 0,
      mixedCount: 0,
      marketClosed: true,
      open: null,
      high: null,
      low: null,
      close: null,
      volume: null,
      candleInterval: null,
      runId: 'r',
      source: 'sample',
    };
  });
  const posts = stored.map(
    (p): TopPost => ({ ...p, weight: 1, sentimentLabel: null, sentimentScore: null, runId: 'r' }),
  );
  await warehouse.warehouse.load({ rows, posts, ledger: [] });
}

const holders: [string, () => Promise<PostHolder>][] = [
  [
    'local post documents',
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'stockpipe-holder-documents-'));
      await seedDocuments(new LocalDocumentStore(root));
      return new LocalPostDocuments(root);
    },
  ],
  [
    'DynamoDB post documents',
    async () => {
      await seedDocuments(
        new DynamoDbDocumentStore(documents, {
          postsTable: 'posts',
          pricesTable: 'prices',
          postsRetentionDays: 90,
        }),
      );
      return new DynamoDbPostDocuments(documents, { postsTable: 'posts', postsRetentionDays: 90 });
    },
  ],
  [
    'top posts',
    async () => {
      await seedTopPosts();
      return warehouse.warehouse.topPostStore;
    },
  ],
];
const keysOf = (posts: { postId: string; ticker: string; hourStart: Date }[]) =>
  posts.map((p) => `${p.ticker} ${p.hourStart.getUTCHours()} ${p.postId}`).sort();
const removal = (ticker: string, h: number, reasons: Record<string, string>): HourRemoval => ({
  ticker,
  hourStart: hour(h),
  posts: new Map(Object.entries(reasons)),
});

describe.each(holders)('%s, as compliance sees them', (_name, open) => {
  it('lists every post held, with its ticker-hour, or those of the hours from a given one', async () => {
    const holder = await open();
    expect(keysOf(await holder.storedPosts(null))).toEqual(keysOf(stored));
    expect(keysOf(await holder.storedPosts(hour(16)))).toEqual(
      keysOf(stored.filter((p) => p.hourStart >= hour(16))),
    );
  });

  it('removes the posts of each ticker-hour named, wherever they are, and nothing else; again, nothing', async () => {
    const holder = await open();
    const removals = [
      removal('AMZN', 15, { 102: 'deleted' }),
      removal('AMZN', 16, { 104: 'protected' }),
      removal('MSFT', 16, { 104: 'protected' }),
    ];
    expect(await holder.removePosts(removals)).toBe(3);
    expect(keysOf(await holder.storedPosts(null))).toEqual(['AMZN 15 101', 'AMZN 16 103', 'MSFT 16 105']);
    expect(await holder.removePosts(removals)).toBe(0);
  });
});

describe('DynamoDB post documents and their expiry', () => {
  const query = async (ticker: string) =>
    (
      await documents.send(
        new QueryCommand({
          TableName: 'posts',
          KeyConditionExpression: 'ticker = :t',
          ExpressionAttributeValues: { ':t': ticker },
        }),
      )
    ).Items ?? [];

  it('are written with the epoch second the table’s TTL removes them at: their retention after the write', async () => {
    const writtenAt = new Date('2026-12-01T00:00:00Z');
    const store = new DynamoDbDocumentStore(documents, {
      postsTable: 'posts',
      pricesTable: 'prices',
      postsRetentionDays: 30,
      now: () => writtenAt,
    });
    const nvda = post('NVDA', 15, '201');
    await store.putAll([
      {
        ticker: 'NVDA',
        hourStart: hour(15),
        posts: [nvda],
        candle: { status: 'market_closed', ticker: 'NVDA', hourStart: hour(15) },
      },
    ]);
    expect((await query('NVDA'))[0]?.expiresAt).toBe(Date.parse('2026-12-31T00:00:00Z') / 1000);
  });

  it('keep the hour’s remaining posts, whole, as long as the raw body compliance rewrites beside them', async () => {
    const before = new Date('2026-12-01T00:00:00Z');
    const store = new DynamoDbDocumentStore(documents, {
      postsTable: 'posts',
      pricesTable: 'prices',
      postsRetentionDays: 30,
      now: () => before,
    });
    const hourPosts = [post('TSLA', 15, '301'), post('TSLA', 15, '302')];
    await store.putAll([
      {
        ticker: 'TSLA',
        hourStart: hour(15),
        posts: hourPosts,
        candle: { status: 'market_closed', ticker: 'TSLA', hourStart: hour(15) },
      },
    ]);
    const kept = (await query('TSLA')).find((i) => i.postId === '302');
    const later = new Date('2026-12-20T00:00:00Z');
    const holder = new DynamoDbPostDocuments(documents, {
      postsTable: 'posts',
      postsRetentionDays: 30,
      now: () => later,
    });
    expect(await holder.removePosts([removal('TSLA', 15, { 301: 'deleted' })])).toBe(1);
    const after = await query('TSLA');
    expect(after).toEqual([{ ...kept, expiresAt: Date.parse('2027-01-19T00:00:00Z') / 1000 }]);
  });
});

describe('the top posts’ expiry', () => {
  it('drops the top posts loaded before the cutoff, whatever their hour, and counts them first on a dry run', async () => {
    const top = warehouse.warehouse.topPostStore;
    await seedTopPosts();
    // Loaded 100 days ago: the hour-15 posts. The others were loaded just now.
    const client = new pg.Client({ connectionString: warehouse.url });
    await client.connect();
    try {
      await client.query(
        "UPDATE stock_top_posts SET loaded_at = now() - interval '100 days' WHERE hour_start = $1",
        [hour(15)],
      );
    } finally {
      await client.end();
    }
    const cutoff = new Date(Date.now() - 90 * 86_400_000);
    const held = (await top.storedPosts(null)).length;
    expect(await top.expire(cutoff, { dryRun: true })).toBe(2);
    expect((await top.storedPosts(null)).length).toBe(held);
    expect(await top.expire(cutoff, { dryRun: false })).toBe(2);
    expect((await top.storedPosts(null)).every((p) => p.hourStart >= hour(16))).toBe(true);
    expect(await top.expire(cutoff, { dryRun: false })).toBe(0);
  });

  it('counts from the last load that changed a post: a rerun that changes nothing keeps its time', async () => {
    const client = new pg.Client({ connectionString: warehouse.url });
    await client.connect();
    try {
      const loadedAt = async () =>
        (await client.query("SELECT loaded_at FROM stock_top_posts WHERE post_id = '101'")).rows[0]
          ?.loaded_at as Date;
      await seedTopPosts();
      await client.query("UPDATE stock_top_posts SET loaded_at = now() - interval '100 days'");
      const old = await loadedAt();
      await seedTopPosts();
      expect(await loadedAt()).toEqual(old);
      // Its likes changed: a new load.
      stored[0] = {
        ...(stored[0] as ScoredPost),
        engagement: { likes: 999, reposts: 0, replies: 0, quotes: 0 },
      };
      await seedTopPosts();
      expect((await loadedAt()).getTime()).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await client.end();
    }
  });
});
