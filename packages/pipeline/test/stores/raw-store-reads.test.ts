import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { type Emulator, startS3 } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawStore } from '../../src/ports.ts';
import { rawKey } from '../../src/raw/raw-key.ts';
import { FileRawStore } from '../../src/stores/file-raw-store.ts';
import { S3RawStore } from '../../src/stores/s3-raw-store.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

// What catch-up, backfill and replay read back from the raw store, on files and on S3 (s3rver) alike.
let s3: Emulator;
beforeAll(async () => {
  s3 = await startS3('reads-raw');
  useAwsEnvironment({ S3: s3.endpoint });
});
afterAll(() => s3.close());

const at = (d: number, h: number) => new Date(Date.UTC(2024, 11, d, h));
// Not valid UTF-8 on purpose: the bytes come back as they were kept.
const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);

const stores: [string, () => Promise<RawStore>][] = [
  ['files', async () => new FileRawStore(await mkdtemp(join(tmpdir(), 'stockpipe-raw-reads-')))],
  ['S3', async () => new S3RawStore(new S3Client({ forcePathStyle: true }), 'reads-raw')],
];

describe.each(stores)('reading the raw store back (%s)', (_name, open) => {
  it('gives a staged body byte for byte, and null for one never staged', async () => {
    const raw = await open();
    const key = rawKey('x/recent-search', 'AMZN', at(6, 15));
    await raw.put(key, { body, contentType: 'application/json' }, 'r1');
    expect(await raw.get(key)).toEqual(body);
    expect(await raw.get(rawKey('x/recent-search', 'AMZN', at(6, 16)))).toBeNull();
  });

  it('lists the staged hours of a ticker in [from, to), across many, and no other ticker’s', async () => {
    const raw = await open();
    const hours = Array.from({ length: 30 }, (_, i) => at(1 + Math.floor(i / 24), i % 24));
    for (const hour of hours)
      await raw.put(rawKey('yahoo/chart', 'MSFT', hour), { body, contentType: 'x' }, 'r');
    await raw.put(rawKey('yahoo/chart', 'MSFTX', at(1, 3)), { body, contentType: 'x' }, 'r');
    const staged = await raw.stagedHours('yahoo/chart', 'MSFT', at(1, 22), at(2, 3));
    expect([...staged].sort()).toEqual([
      '2024-12-01T22',
      '2024-12-01T23',
      '2024-12-02T00',
      '2024-12-02T01',
      '2024-12-02T02',
    ]);
    expect(await raw.stagedHours('yahoo/chart', 'NVDA', at(1, 0), at(3, 0))).toEqual(new Set());
  });
});

describe('a folder a killed write left empty', () => {
  it('is not a staged hour, and reads as no body', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stockpipe-raw-empty-'));
    const raw = new FileRawStore(root);
    await mkdir(join(root, 'x/recent-search/ticker=AMZN/hour=2024-12-06T15'), { recursive: true });
    expect(await raw.stagedHours('x/recent-search', 'AMZN', at(6, 0), at(7, 0))).toEqual(new Set());
    expect(await raw.get(rawKey('x/recent-search', 'AMZN', at(6, 15)))).toBeNull();
  });
});
