import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { DOCUMENT_KEYS } from '@stockpipe/shared';
import type { PostHolder } from '../ports.ts';
import type { HourRemoval, StoredPost } from '../records.ts';
import { hourKey } from '../time/hours.ts';
import { expiresAt } from './expires-at.ts';

const POST = DOCUMENT_KEYS.posts;
const NAMES = { '#ticker': POST.partition, '#sk': POST.sort };
// DynamoDB's limits: 25 requests a BatchWriteItem; unprocessed ones retried with backoff, as the run's writes are.
const BATCH_LIMIT = 25;
const ATTEMPTS = 8;

type WriteRequest = NonNullable<BatchWriteCommand['input']['RequestItems']>[string][number];

/**
 * The posts table as compliance sees it. Which posts it holds: one Scan of the keys alone (the table keeps only
 * the posts' retention, and a scan finds tickers that have left the watchlist too). Removing an hour's posts: one
 * Query of the hour's items, then BatchWriteItem deletes the posts that must go and puts back the others with a
 * fresh expiry, so they outlive the raw body that compliance rewrote beside them.
 */
export class DynamoDbPostDocuments implements PostHolder {
  readonly what = 'post documents';
  readonly #client: Pick<DynamoDBDocumentClient, 'send'>;
  readonly #table: string;
  readonly #days: number;
  readonly #now: () => Date;
  readonly #backoffMs: number;

  constructor(
    client: Pick<DynamoDBDocumentClient, 'send'>,
    options: { postsTable: string; postsRetentionDays: number; now?: () => Date; backoffMs?: number },
  ) {
    this.#client = client;
    this.#table = options.postsTable;
    this.#days = options.postsRetentionDays;
    this.#now = options.now ?? (() => new Date());
    this.#backoffMs = options.backoffMs ?? 50;
  }

  async storedPosts(since: Date | null): Promise<StoredPost[]> {
    const posts: StoredPost[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new ScanCommand({
          TableName: this.#table,
          ProjectionExpression: '#ticker, #sk',
          ExpressionAttributeNames: NAMES,
          ...(since
            ? { FilterExpression: '#sk >= :since', ExpressionAttributeValues: { ':since': hourKey(since) } }
            : {}),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const [hour = '', postId = ''] = String(item[POST.sort]).split('#');
        posts.push({ postId, ticker: String(item[POST.partition]), hourStart: new Date(`${hour}:00:00Z`) });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return posts;
  }

  async removePosts(removals: readonly HourRemoval[]): Promise<number> {
    let removed = 0;
    const expiry = expiresAt(this.#now(), this.#days);
    for (const { ticker, hourStart, posts } of removals) {
      const items = await this.#hourItems(ticker, hourKey(hourStart));
      const requests: WriteRequest[] = items.map((item) => {
        const postId = String(item[POST.sort]).split('#')[1] ?? '';
        return posts.has(postId)
          ? { DeleteRequest: { Key: { [POST.partition]: ticker, [POST.sort]: item[POST.sort] } } }
          : { PutRequest: { Item: { ...item, [POST.expiresAt]: expiry } } };
      });
      const deletes = requests.filter((r) => r.DeleteRequest).length;
      if (deletes === 0) continue;
      await this.#writeAll(requests);
      removed += deletes;
    }
    return removed;
  }

  async #hourItems(ticker: string, hour: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: '#ticker = :ticker AND begins_with(#sk, :hour)',
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: { ':ticker': ticker, ':hour': `${hour}#` },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) items.push(item);
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Every request written, 25 a call, unprocessed ones again with backoff; throws when some stay unprocessed. */
  async #writeAll(requests: WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) {
      let pending = requests.slice(i, i + BATCH_LIMIT);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > ATTEMPTS)
          throw new Error(`DynamoDB left ${pending.length} items unprocessed after ${ATTEMPTS} attempts`);
        if (attempt > 1) await sleep(this.#backoffMs * 2 ** (attempt - 2));
        const output = await this.#client.send(
          new BatchWriteCommand({ RequestItems: { [this.#table]: pending } }),
        );
        pending = output.UnprocessedItems?.[this.#table] ?? [];
      }
    }
  }
}
