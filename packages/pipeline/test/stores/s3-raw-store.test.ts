import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { type Emulator, startS3 } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls, ServiceCalls } from '../../src/aws/service-calls.ts';
import { S3RawStore } from '../../src/stores/s3-raw-store.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

let s3: Emulator;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3('stockpipe-raw');
  useAwsEnvironment({ S3: s3.endpoint });
  client = new S3Client({});
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

describe('S3RawStore on s3rver', () => {
  const key = 'x/recent-search/ticker=AMZN/hour=2026-11-28T16/response.json';
  // Not valid UTF-8 on purpose: the store must not decode what it keeps.
  const body = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xe2, 0x82, 0xac, 0x22, 0x7d, 0x0a]);

  it('keeps the body byte for byte at the key, with its content type and run id', async () => {
    const calls = new ServiceCalls();
    const store = new S3RawStore(countCalls(new S3Client({}), 's3', calls), 'stockpipe-raw');
    await store.put(key, { body, contentType: 'application/json; charset=utf-8' }, 'run-1');
    const object = await client.send(new GetObjectCommand({ Bucket: 'stockpipe-raw', Key: key }));
    expect(
      new Uint8Array(await (object.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array()))),
    ).toEqual(body);
    expect(object.ContentType).toBe('application/json; charset=utf-8');
    expect(object.Metadata).toEqual({ 'run-id': 'run-1' });
    expect(calls.snapshot()).toEqual({ s3: 1 });
    expect(store.location).toBe('s3://stockpipe-raw');
  });

  it('overwrites on a rerun of the hour: one object per key', async () => {
    const store = new S3RawStore(client, 'stockpipe-raw');
    await store.put(
      key,
      { body: new TextEncoder().encode('{"rerun":true}'), contentType: 'application/json' },
      'run-2',
    );
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'stockpipe-raw', Prefix: 'x/' }));
    expect(listed.KeyCount).toBe(1);
    const head = await client.send(new HeadObjectCommand({ Bucket: 'stockpipe-raw', Key: key }));
    expect(head.Metadata).toEqual({ 'run-id': 'run-2' });
  });

  it('#20.3 sets a body that does not read aside with its reason, leaving its key empty for the next attempt', async () => {
    const store = new S3RawStore(client, 'stockpipe-raw');
    const cut = new TextEncoder().encode('{"data":[{"id":"1","te');
    await store.setAside(
      key,
      { body: cut, contentType: 'application/json' },
      'not JSON: Unterminated string',
      'r3',
    );
    expect(await store.get(key)).toBeNull();
    const folder = key.replace('response.json', '');
    expect(await store.get(`${folder}rejected.json`)).toEqual(cut);
    expect(new TextDecoder().decode((await store.get(`${folder}rejected.reason.txt`)) ?? undefined)).toBe(
      'not JSON: Unterminated string\n',
    );
    expect(
      await store.stagedHours(
        'x/recent-search',
        'AMZN',
        new Date('2026-11-28T00:00Z'),
        new Date('2026-11-29T00:00Z'),
      ),
    ).toEqual(new Set());
  });

  it('fails clearly when the bucket does not exist', async () => {
    const store = new S3RawStore(client, 'no-such-bucket');
    await expect(store.put(key, { body, contentType: 'application/json' }, 'r')).rejects.toThrow(
      /bucket does not exist/i,
    );
  });
});
