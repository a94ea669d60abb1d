import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { RawResponse, RawStore } from '../ports.ts';
import { asideKeys, hourOfKey, RAW_FILES, tickerFolder } from '../raw/raw-key.ts';
import { hourKey } from '../time/hours.ts';

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

  async setAside(key: string, response: RawResponse, reason: string, runId: string): Promise<void> {
    const aside = asideKeys(key);
    await this.put(aside.body, response, runId);
    await this.put(
      aside.reason,
      { body: new TextEncoder().encode(`${reason}\n`), contentType: 'text/plain' },
      runId,
    );
    // On a versioned bucket a delete marker: the bad body's bytes stay in its history, as every body's do.
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
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

  stagedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>> {
    return this.#hoursWith('body', prefix, ticker, from, to);
  }

  redactedHours(prefix: string, ticker: string, from: Date, to: Date): Promise<Set<string>> {
    return this.#hoursWith('redactions', prefix, ticker, from, to);
  }

  /**
   * Lists the key's versions and deletes all but the current one (every one when the current is a delete marker:
   * the body expired, its last copy lingers as an old version). A store that implements no versions keeps none.
   */
  async dropOlderVersions(key: string): Promise<number> {
    const older: { Key: string; VersionId: string }[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    try {
      do {
        const page = await this.#client.send(
          new ListObjectVersionsCommand({
            Bucket: this.#bucket,
            Prefix: key,
            KeyMarker: keyMarker,
            VersionIdMarker: versionMarker,
          }),
        );
        for (const version of page.Versions ?? [])
          if (version.Key === key && !version.IsLatest && version.VersionId)
            older.push({ Key: key, VersionId: version.VersionId });
        [keyMarker, versionMarker] = page.IsTruncated
          ? [page.NextKeyMarker, page.NextVersionIdMarker]
          : [undefined, undefined];
      } while (keyMarker);
    } catch (error) {
      // s3rver and some S3-compatible stores have no versions at all: nothing older can be kept there.
      if (['NotImplemented', 'MethodNotAllowed'].includes((error as { name?: string }).name ?? '')) return 0;
      throw error;
    }
    // DeleteObjects takes 1,000 keys a call, and answers per key: one it could not delete fails the body.
    for (let i = 0; i < older.length; i += 1000) {
      const result = await this.#client.send(
        new DeleteObjectsCommand({
          Bucket: this.#bucket,
          Delete: { Objects: older.slice(i, i + 1000), Quiet: true },
        }),
      );
      const failed = result.Errors?.[0];
      if (failed) throw new Error(`S3 kept an old version of ${key}: ${failed.Code} ${failed.Message}`);
    }
    return older.length;
  }

  /** One listing of the ticker's folder from `from` on (keys sort by hour), a page of 1,000 keys a call. */
  async #hoursWith(
    file: keyof typeof RAW_FILES,
    prefix: string,
    ticker: string,
    from: Date,
    to: Date,
  ): Promise<Set<string>> {
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
        const found = Key ? hourOfKey(Key) : null;
        if (found === null) continue;
        if (found.hour > last) return hours;
        if (found.file === RAW_FILES[file]) hours.add(found.hour);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return hours;
  }
}
