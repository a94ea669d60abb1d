import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectsCommand,
  type DeleteObjectsCommandInput,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import { type Emulator, startS3 } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawStore } from '../../src/ports.ts';
import { rawKey, redactionKey } from '../../src/raw/raw-key.ts';
import { FileRawStore } from '../../src/stores/file-raw-store.ts';
import { S3RawStore } from '../../src/stores/s3-raw-store.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

// What compliance and replay need of the raw store besides reading: the hours with a redaction record beside
// their body, and a body's older versions gone.
let s3: Emulator;
beforeAll(async () => {
  s3 = await startS3('redacted-raw');
  useAwsEnvironment({ S3: s3.endpoint });
});
afterAll(() => s3.close());

const at = (h: number) => new Date(Date.UTC(2024, 11, 6, h));
const body = { body: new TextEncoder().encode('{}'), contentType: 'application/json' };
const stores: [string, () => Promise<RawStore>][] = [
  ['files', async () => new FileRawStore(await mkdtemp(join(tmpdir(), 'stockpipe-raw-redacted-')))],
  ['S3', async () => new S3RawStore(new S3Client({ forcePathStyle: true }), 'redacted-raw')],
];

describe.each(stores)('the raw store’s redactions (%s)', (_name, open) => {
  it('lists the hours whose body has a redaction record beside it, and no other', async () => {
    const raw = await open();
    for (const h of [14, 15, 16, 17]) await raw.put(rawKey('x/recent-search', 'AMZN', at(h)), body, 'r');
    for (const h of [15, 17, 18])
      await raw.put(redactionKey(rawKey('x/recent-search', 'AMZN', at(h))), body, 'c');
    await raw.put(redactionKey(rawKey('x/recent-search', 'MSFT', at(16))), body, 'c');
    expect(await raw.redactedHours('x/recent-search', 'AMZN', at(14), at(18))).toEqual(
      new Set(['2024-12-06T15', '2024-12-06T17']),
    );
    // A record is not a body: the staged hours stay the bodies'.
    expect(await raw.stagedHours('x/recent-search', 'AMZN', at(14), at(19))).toEqual(
      new Set(['2024-12-06T14', '2024-12-06T15', '2024-12-06T16', '2024-12-06T17']),
    );
  });

  it('keeps no older version of a rewritten body (files have none, s3rver implements none)', async () => {
    const raw = await open();
    const key = rawKey('x/recent-search', 'TSLA', at(15));
    await raw.put(key, body, 'r1');
    await raw.put(key, body, 'r2');
    expect(await raw.dropOlderVersions(key)).toBe(0);
  });
});

describe('S3RawStore in a versioned bucket', () => {
  // s3rver has no versions: this stands in for S3's ListObjectVersions and DeleteObjects, pages included.
  function versionedBucket(versions: { Key: string; VersionId: string; IsLatest: boolean }[], pageSize = 2) {
    const deleted: DeleteObjectsCommandInput[] = [];
    const client = {
      async send(command: unknown) {
        if (command instanceof ListObjectVersionsCommand) {
          const { Prefix, VersionIdMarker } = command.input;
          const matching = versions.filter((v) => v.Key.startsWith(Prefix ?? ''));
          const start = VersionIdMarker ? matching.findIndex((v) => v.VersionId === VersionIdMarker) + 1 : 0;
          const page = matching.slice(start, start + pageSize);
          const truncated = start + pageSize < matching.length;
          return {
            Versions: page,
            IsTruncated: truncated,
            NextKeyMarker: truncated ? page.at(-1)?.Key : undefined,
            NextVersionIdMarker: truncated ? page.at(-1)?.VersionId : undefined,
          } satisfies Partial<ListObjectVersionsCommandOutput>;
        }
        if (command instanceof DeleteObjectsCommand) {
          deleted.push(command.input);
          return {
            Errors: command.input.Bucket === 'refusing' ? [{ Code: 'AccessDenied', Message: 'no' }] : [],
          };
        }
        throw new Error(`unexpected ${String(command)}`);
      },
    };
    return { client: client as unknown as S3Client, deleted };
  }
  const key = rawKey('x/recent-search', 'AMZN', at(15));

  it('deletes every version but the current one, of that key only, across pages', async () => {
    const { client, deleted } = versionedBucket([
      { Key: key, VersionId: 'v3', IsLatest: true },
      { Key: key, VersionId: 'v2', IsLatest: false },
      { Key: key, VersionId: 'v1', IsLatest: false },
      { Key: `${key}.other`, VersionId: 'o1', IsLatest: false },
    ]);
    expect(await new S3RawStore(client, 'raw').dropOlderVersions(key)).toBe(2);
    expect(deleted).toEqual([
      {
        Bucket: 'raw',
        Delete: {
          Objects: [
            { Key: key, VersionId: 'v2' },
            { Key: key, VersionId: 'v1' },
          ],
          Quiet: true,
        },
      },
    ]);
  });

  it('deletes them all when the current one is a delete marker (the body expired)', async () => {
    const { client, deleted } = versionedBucket([{ Key: key, VersionId: 'v1', IsLatest: false }]);
    expect(await new S3RawStore(client, 'raw').dropOlderVersions(key)).toBe(1);
    expect(deleted[0]?.Delete?.Objects).toEqual([{ Key: key, VersionId: 'v1' }]);
  });

  it('fails when S3 keeps a version it was told to delete', async () => {
    const { client } = versionedBucket([
      { Key: key, VersionId: 'v2', IsLatest: true },
      { Key: key, VersionId: 'v1', IsLatest: false },
    ]);
    await expect(new S3RawStore(client, 'refusing').dropOlderVersions(key)).rejects.toThrow(
      `S3 kept an old version of ${key}: AccessDenied no`,
    );
  });
});
