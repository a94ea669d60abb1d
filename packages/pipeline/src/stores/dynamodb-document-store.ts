import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { DOCUMENT_KEYS } from '@stockpipe/shared';
import pLimit from 'p-limit';
import type { DocumentStore, TickerDocuments } from '../ports.ts';
import { hourKey } from '../time/hours.ts';
import { expiresAt } from './expires-at.ts';

const POST = DOCUMENT_KEYS.posts;
const PRICE = DOCUMENT_KEYS.prices;

/** DynamoDB's limit: at most 25 put requests in one BatchWriteItem, across tables. */
const BATCH_LIMIT = 25;

export interface BatchWriter {
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
}

export interface DynamoDbDocumentStoreOptions {
  postsTable: string;
  pricesTable: string;
  /** Post documents expire this many days after they are written (the table's TTL reads `expiresAt`). */
  postsRetentionDays: number;
  /** Attempts for items DynamoDB leaves unprocessed, with exponential backoff between them. */
  attempts?: number;
  backoffMs?: number;
  concurrency?: number;
}

type PutRequest = { PutRequest: { Item: Record<string, unknown> } };
interface Pending {
  table: string;
  document: TickerDocuments;
  request: PutRequest;
}

/**
 * Posts and prices in DynamoDB with BatchWriteItem, 25 items a call, posts and prices of every ticker mixed so each
 * call is full: ⌈items / 25⌉ calls when nothing is left unprocessed. Keys make a rerun overwrite
 * (posts: ticker + `hour#postId`; prices: ticker + hour). Unprocessed items are retried with backoff; items still
 * unprocessed after the last attempt fail their ticker, with a message saying so.
 */
export class DynamoDbDocumentStore implements DocumentStore {
  readonly #client: BatchWriter;
  readonly #options: Required<DynamoDbDocumentStoreOptions> & { now: () => Date };

  constructor(client: BatchWriter, options: DynamoDbDocumentStoreOptions & { now?: () => Date }) {
    this.#client = client;
    this.#options = { attempts: 8, backoffMs: 50, concurrency: 4, now: () => new Date(), ...options };
  }

  async putAll(documents: readonly TickerDocuments[]): Promise<Map<TickerDocuments, Error>> {
    const items = documents.flatMap((d) => this.#items(d));
    const failures = new Map<TickerDocuments, Error>();
    const limit = pLimit(this.#options.concurrency);
    const batches = Array.from({ length: Math.ceil(items.length / BATCH_LIMIT) }, (_, i) =>
      items.slice(i * BATCH_LIMIT, (i + 1) * BATCH_LIMIT),
    );
    await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          try {
            const left = await this.#writeUntilProcessed(batch);
            for (const item of left) {
              failures.set(
                item.document,
                new Error(
                  `DynamoDB left ${left.length} items unprocessed after ${this.#options.attempts} attempts`,
                ),
              );
            }
          } catch (error) {
            for (const item of batch) failures.set(item.document, error as Error);
          }
        }),
      ),
    );
    return failures;
  }

  async #writeUntilProcessed(batch: Pending[]): Promise<Pending[]> {
    let pending = batch;
    for (let attempt = 1; pending.length > 0 && attempt <= this.#options.attempts; attempt++) {
      if (attempt > 1) await sleep(this.#options.backoffMs * 2 ** (attempt - 2));
      const byTable = Map.groupBy(pending, (item) => item.table);
      const requestItems = Object.fromEntries(
        [...byTable].map(([table, items]) => [table, items.map((i) => i.request)]),
      );
      const output = await this.#client.send(new BatchWriteCommand({ RequestItems: requestItems }));
      const unprocessed = new Set(
        Object.values(output.UnprocessedItems ?? {}).flatMap((requests) =>
          requests.map((r) => keyOf(r.PutRequest?.Item ?? {})),
        ),
      );
      pending = pending.filter((item) => unprocessed.has(keyOf(item.request.PutRequest.Item)));
    }
    return pending;
  }

  #items(document: TickerDocuments): Pending[] {
    const { ticker, hourStart, posts, candle } = document;
    const hour = hourKey(hourStart);
    const { postsTable, pricesTable, postsRetentionDays, now } = this.#options;
    const expiry = expiresAt(now(), postsRetentionDays);
    const price: Pending = {
      table: pricesTable,
      document,
      request: {
        PutRequest: {
          Item: { ...withoutDates(candle), [PRICE.partition]: ticker, [PRICE.sort]: hour },
        },
      },
    };
    return [
      ...posts.map((post) => ({
        table: postsTable,
        document,
        request: {
          PutRequest: {
            Item: {
              ...withoutDates(post),
              [POST.partition]: ticker,
              [POST.sort]: `${hour}#${post.postId}`,
              hour,
              createdAt: post.createdAt.toISOString(),
              [POST.expiresAt]: expiry,
            },
          },
        },
      })),
      price,
    ];
  }
}

// DynamoDB has no date type: hours are keyed as `2026-11-28T16`, instants stored as ISO strings.
function withoutDates<T extends { hourStart: Date }>(record: T): Omit<T, 'hourStart'> {
  const { hourStart: _hour, ...rest } = record;
  return rest;
}

// Posts and prices share a partition key name; the sort key tells them apart (an item has one or the other).
function keyOf(item: Record<string, unknown>): string {
  return `${String(item[POST.partition])}|${String(item[POST.sort] ?? item[PRICE.sort])}`;
}
