/// <reference path="./types/emulators.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';

export interface Emulator {
  endpoint: string;
  close(): Promise<void>;
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

/** DynamoDB in process (dynalite, a real implementation of its protocol), with the posts and prices tables. */
export async function startDynamoDb(tables: { posts: string; prices: string }): Promise<Emulator> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  for (const [table, rangeKey] of [
    [tables.posts, 'sk'],
    [tables.prices, 'hour'],
  ] as const) {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'ticker', AttributeType: 'S' },
          { AttributeName: rangeKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'ticker', KeyType: 'HASH' },
          { AttributeName: rangeKey, KeyType: 'RANGE' },
        ],
      }),
    );
  }
  client.destroy();
  return { endpoint, close: () => closeServer(server) };
}

/** S3 in process (s3rver), with the raw bucket. It accepts only the credentials S3RVER / S3RVER. */
export async function startS3(bucket: string): Promise<Emulator> {
  const directory = await mkdtemp(join(tmpdir(), 'stockpipe-s3-'));
  const s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await s3.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      await s3.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
