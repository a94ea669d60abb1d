import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Emulator, startDynamoDb } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls, ServiceCalls } from '../../src/aws/service-calls.ts';
import type { TickerDocuments } from '../../src/ports.ts';
import type { Candle, ScoredPost } from '../../src/records.ts';
import { type BatchWriter, DynamoDbDocumentStore } from '../../src/stores/dynamodb-document-store.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

const tables = { postsTable: 'posts', pricesTable: 'prices', postsRetentionDays: 90 };
let dynamo: Emulator;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  dynamo = await startDynamoDb({ posts: 'posts', prices: 'prices' });
  useAwsEnvironment({ DYNAMODB: dynamo.endpoint });
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
});
afterAll(async () => {
  documents.destroy();
  await dynamo.close();
});

const hourStart = new Date('2026-11-27T15:00Z');
function tickerDocuments(ticker: string, postCount: number): TickerDocuments {
  const posts: ScoredPost[] = Array.from({ length: postCount }, (_, i) => ({
    postId: `${ticker.length}00${i}`,
    ticker,
    hourStart,
    authorId: i % 2 ? null : '42',
    createdAt: new Date(hourStart.getTime() + i * 1000),
    lang: 'en',
    text: `post ${i} about $${ticker} 🚀`,
    engagement: { likes: i, reposts: 0, replies: 0, quotes: 0 },
    sentiment:
      i % 3
        ? { label: 'POSITIVE', scores: { Positive: 0.9, Negative: 0.05, Neutral: 0.05, Mixed: 0 } }
        : null,
    unscoredReason: i % 3 ? null : 'unsupported_language',
  }));
  const candle: Candle = {
    status: 'traded',
    ticker,
    hourStart,
    open: 1,
    high: 2,
    low: 0.5,
    close: 1.5,
    volume: 10,
    interval: '30m',
  };
  return { ticker, hourStart, posts, candle };
}
const query = async (table: string, ticker: string) =>
  (
    await documents.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'ticker = :t',
        ExpressionAttributeValues: { ':t': ticker },
      }),
    )
  ).Items ?? [];

describe('DynamoDbDocumentStore on dynalite', () => {
  it('writes posts and prices 25 items a call, across tickers and tables, keyed to overwrite on rerun', async () => {
    const calls = new ServiceCalls();
    const client = DynamoDBDocumentClient.from(countCalls(new DynamoDBClient({}), 'dynamodb', calls), {
      marshallOptions: { removeUndefinedValues: true },
    });
    const store = new DynamoDbDocumentStore(client, tables);
    const run = [
      tickerDocuments('AMZN', 10),
      tickerDocuments('MSFT', 10),
      tickerDocuments('TSLA', 7),
      tickerDocuments('NVDA', 0),
    ];
    const items = 27 + 4; // posts + one price per ticker
    expect(await store.putAll(run)).toEqual(new Map());
    expect(calls.snapshot()).toEqual({ dynamodb: Math.ceil(items / 25) });

    const amazon = await query('posts', 'AMZN');
    expect(amazon).toHaveLength(10);
    expect(amazon[1]).toMatchObject({
      ticker: 'AMZN',
      sk: '2026-11-27T15#4001',
      hour: '2026-11-27T15',
      createdAt: '2026-11-27T15:00:01.000Z',
      text: 'post 1 about $AMZN 🚀',
      sentiment: { label: 'POSITIVE' },
    });
    expect(await query('prices', 'NVDA')).toEqual([
      expect.objectContaining({ hour: '2026-11-27T15', close: 1.5, status: 'traded' }),
    ]);

    await store.putAll(run);
    expect(await query('posts', 'AMZN')).toHaveLength(10);
    expect(await query('posts', 'MSFT')).toHaveLength(10);
  });

  it('retries unprocessed items with backoff until DynamoDB has them all', async () => {
    // DynamoDB may process part of a batch: this client lets the real emulator take half of the first call.
    let call = 0;
    const partial: BatchWriter = {
      async send(command: BatchWriteCommand) {
        call++;
        if (call > 1) return documents.send(command);
        const requests = command.input.RequestItems ?? {};
        const [table, items = []] = Object.entries(requests)[0] ?? [];
        const half = items.slice(0, Math.floor(items.length / 2));
        const rest = items.slice(half.length);
        const { BatchWriteCommand: Command } = await import('@aws-sdk/lib-dynamodb');
        await documents.send(new Command({ RequestItems: { ...requests, [table as string]: half } }));
        return { UnprocessedItems: { [table as string]: rest }, $metadata: {} };
      },
    };
    const store = new DynamoDbDocumentStore(partial, { ...tables, backoffMs: 1 });
    expect(await store.putAll([tickerDocuments('AAPL', 12)])).toEqual(new Map());
    expect(call).toBe(2);
    expect(await query('posts', 'AAPL')).toHaveLength(12);
  });

  it('fails the tickers whose items stay unprocessed, saying so', async () => {
    const stubborn: BatchWriter = {
      send: async (command) => ({ UnprocessedItems: command.input.RequestItems, $metadata: {} }),
    };
    const store = new DynamoDbDocumentStore(stubborn, { ...tables, attempts: 3, backoffMs: 1 });
    const meta = tickerDocuments('META', 2);
    const failures = await store.putAll([meta]);
    expect(failures.get(meta)?.message).toBe('DynamoDB left 3 items unprocessed after 3 attempts');
  });

  it('fails every ticker of a batch DynamoDB refuses', async () => {
    const store = new DynamoDbDocumentStore(documents, { ...tables, postsTable: 'missing' });
    const ibm = tickerDocuments('IBM', 1);
    const failures = await store.putAll([ibm]);
    expect(failures.get(ibm)?.message).toMatch(/non-existent table|not found/i);
  });
});
