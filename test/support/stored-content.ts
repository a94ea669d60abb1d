import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { openWarehouse } from '@stockpipe/pipeline/warehouse';

/** Everything a store holds, as text by where it is: what a test searches for ids and text that must be gone. */
export type Content = Map<string, string>;

/** Every file under a folder of the data dir (raw bodies, records and sidecars; documents), by relative path. */
export async function filesUnder(root: string): Promise<Content> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(
    await Promise.all(files.map(async (f) => [relative(root, f), await readFile(f, 'utf8')] as const)),
  );
}

const aws = { region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };

/** Every object of the bucket, by key. */
export async function objectsIn(endpoint: string, bucket: string): Promise<Content> {
  const client = new S3Client({ ...aws, endpoint, forcePathStyle: true });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).map((o) => o.Key as string);
    return new Map(
      await Promise.all(
        keys.map(async (Key) => {
          const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
          return [Key, (await object.Body?.transformToString()) ?? ''] as const;
        }),
      ),
    );
  } finally {
    client.destroy();
  }
}

/** Every item of the tables, by table and key. */
export async function itemsIn(endpoint: string, tables: readonly string[]): Promise<Content> {
  const client = new DynamoDBClient({ ...aws, endpoint });
  try {
    const content: Content = new Map();
    for (const TableName of tables) {
      const { Items = [] } = await client.send(new ScanCommand({ TableName }));
      for (const item of Items)
        content.set(`${TableName}/${item.ticker?.S}/${item.sk?.S ?? item.hour?.S}`, JSON.stringify(item));
    }
    return content;
  } finally {
    client.destroy();
  }
}

/** Every row of the warehouse's top posts and ticker-hours, as the CLI's own warehouse code reads them. */
export async function warehouseOf(databaseUrl: string | undefined, dataDir: string) {
  const open = await openWarehouse({ url: databaseUrl, dataDir });
  try {
    const tickers = ['AMZN', 'MSFT'];
    const [from, to] = [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 0, 1))];
    const [posts, rows] = await Promise.all([
      open.warehouse.topPosts(tickers, from, to, 1000),
      open.warehouse.rows(tickers, from, to),
    ]);
    const topPosts: Content = new Map(
      posts.map((p) => [`${p.ticker}/${p.hourStart.toISOString()}/${p.postId}`, JSON.stringify(p)]),
    );
    return { topPosts, rows };
  } finally {
    await open.close();
  }
}

/** The entries of `content` that mention any of `needles`, by where they are: what a test expects to be empty. */
export function mentions(content: Content, needles: readonly string[]): string[] {
  return [...content].filter(([, text]) => needles.some((n) => text.includes(n))).map(([where]) => where);
}
