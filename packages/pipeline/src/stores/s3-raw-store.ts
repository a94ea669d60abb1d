import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawResponse, RawStore } from '../ports.ts';

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
}
