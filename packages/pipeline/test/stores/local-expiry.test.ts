import { mkdtemp, readdir, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawKey, redactionKey } from '../../src/raw/raw-key.ts';
import { FileRawStore } from '../../src/stores/file-raw-store.ts';
import { LocalDocumentStore } from '../../src/stores/local-document-store.ts';
import { LocalPostDocuments } from '../../src/stores/local-post-documents.ts';

// On one machine the job keeps the files within their retention itself, by when each was written, as S3's
// lifecycle and DynamoDB's TTL count in AWS.
const at = (h: number) => new Date(Date.UTC(2024, 11, 6, h));
const now = new Date('2025-03-10T03:30:00Z');
const cutoff = new Date('2024-12-10T03:30:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const body = { body: new TextEncoder().encode('{}'), contentType: 'application/json' };

describe('expiring the raw files', () => {
  it('removes the hour folders written before the cutoff, record and sidecar with the body; keeps the rest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stockpipe-expire-raw-'));
    const raw = new FileRawStore(root);
    const old = rawKey('x/recent-search', 'AMZN', at(15));
    const kept = rawKey('x/recent-search', 'AMZN', at(16));
    const rewritten = rawKey('yahoo/chart', 'AMZN', at(15));
    for (const key of [old, kept, rewritten]) await raw.put(key, body, 'r');
    await raw.put(redactionKey(old), body, 'c');
    const age = async (key: string, days: number) => {
      for (const path of [key, `${key}.meta.json`])
        await utimes(join(root, path), daysAgo(days), daysAgo(days));
    };
    await age(old, 100);
    await age(redactionKey(old), 100);
    await age(kept, 10);
    // A body compliance rewrote is written anew: its folder is young again.
    await age(rewritten, 100);
    await raw.put(redactionKey(rewritten), body, 'c');

    expect(await raw.expire(cutoff, { dryRun: true })).toBe(1);
    expect(await raw.get(old)).not.toBeNull();
    expect(await raw.expire(cutoff, { dryRun: false })).toBe(1);
    expect(await raw.get(old)).toBeNull();
    expect(await readdir(join(root, 'x/recent-search/ticker=AMZN'))).toEqual(['hour=2024-12-06T16']);
    expect(await raw.get(kept)).not.toBeNull();
    expect(await raw.get(rewritten)).not.toBeNull();
    expect(await raw.expire(cutoff, { dryRun: false })).toBe(0);
  });
});

describe('expiring the local post documents', () => {
  it('removes the ticker-hours’ post files written before the cutoff, and never the prices', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stockpipe-expire-documents-'));
    const candle = (ticker: string, hourStart: Date) => ({
      status: 'market_closed' as const,
      ticker,
      hourStart,
    });
    await new LocalDocumentStore(root).putAll(
      [15, 16].map((h) => ({ ticker: 'AMZN', hourStart: at(h), posts: [], candle: candle('AMZN', at(h)) })),
    );
    const posts = (h: number) => join(root, `posts/ticker=AMZN/hour=2024-12-06T${h}.json`);
    const prices = join(root, 'prices/ticker=AMZN/hour=2024-12-06T15.json');
    await utimes(posts(15), daysAgo(100), daysAgo(100));
    await utimes(prices, daysAgo(100), daysAgo(100));
    const documents = new LocalPostDocuments(root);
    expect(await documents.expire(cutoff, { dryRun: true })).toBe(1);
    expect(await documents.expire(cutoff, { dryRun: false })).toBe(1);
    expect(await readdir(join(root, 'posts/ticker=AMZN'))).toEqual(['hour=2024-12-06T16.json']);
    expect(await readdir(join(root, 'prices/ticker=AMZN'))).toHaveLength(2);
  });
});
