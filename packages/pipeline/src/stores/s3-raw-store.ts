import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { hourKey } from '../hours.ts';
import type { RawResponse, RawStore } from '../ports.ts';
import { hourOfKey, tickerFolder } from './raw-key.ts';

/**
 * Raw responses in S3, byte for byte, at the deterministic key: a rerun overwrites and bucket versioning keeps
 * history. The client takes region, credentials and endpoint from the SDK's own configuration.
 */
export class S3RawStore implements RawStore {
  readonly location: string;
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(client: S3Client, bucket: string) {
    this.#client = client;
    this.#bucket = bucket;
    this.location = `s3://${bucket}`;
  }

  async put(key: string, response: RawResponse, runId: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: response.body,
        ContentType: response.contentType,
        Metadata: { 'run-id': runId },
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  /** One listing of the ticker's folder from `from` on (keys sort by hour), a page of 1,000 keys a call. */
  async stagedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>> {
    const folder = tickerFolder(prefix, ticker);
    const last = hourKey(new Date(to.getTime() - 1));
    const hours = new Set<string>();
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: folder,
          StartAfter: `${folder}hour=${hourKey(from)}`,
          ContinuationToken: token,
        }),
      );
      for (const { Key } of page.Contents ?? []) {
        const hour = Key ? hourOfKey(Key) : null;
        if (hour === null) continue;
        if (hour > last) return hours;
        hours.add(hour);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return hours;
  }
}
