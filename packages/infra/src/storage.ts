import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { DOCUMENT_KEYS } from '@stockpipe/shared';
import { tlsOnlyBucketPolicy } from './decisions/policies.ts';
import { rawLifecycleRules } from './decisions/storage.ts';

export interface StorageArgs {
  /** A production stack keeps its data through `pulumi destroy`; a trial stack goes entirely. */
  production: boolean;
  rawRetentionDays: number;
  rawNoncurrentDays: number;
}

/**
 * The raw bucket (private, encrypted, TLS-only, versioned so reruns keep history, bodies and old versions
 * expiring) and the posts and prices tables (on demand, point-in-time recovery; post documents expiring by TTL).
 */
export class Storage extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly postsTable: aws.dynamodb.Table;
  readonly pricesTable: aws.dynamodb.Table;

  constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:storage:Storage', name, {}, opts);
    const parent = { parent: this };
    this.bucket = new aws.s3.Bucket(`${name}-raw`, { forceDestroy: !args.production }, parent);
    const bucket = this.bucket.id;
    new aws.s3.BucketPublicAccessBlock(
      `${name}-raw`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-raw`,
      { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-raw`,
      {
        bucket,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
      },
      parent,
    );
    new aws.s3.BucketVersioning(
      `${name}-raw`,
      { bucket, versioningConfiguration: { status: 'Enabled' } },
      parent,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-raw`,
      { bucket, rules: rawLifecycleRules(args) },
      parent,
    );
    new aws.s3.BucketPolicy(
      `${name}-raw`,
      { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
      parent,
    );

    const table = (kind: keyof typeof DOCUMENT_KEYS) =>
      new aws.dynamodb.Table(
        `${name}-${kind}`,
        {
          billingMode: 'PAY_PER_REQUEST',
          hashKey: DOCUMENT_KEYS[kind].partition,
          rangeKey: DOCUMENT_KEYS[kind].sort,
          attributes: [
            { name: DOCUMENT_KEYS[kind].partition, type: 'S' },
            { name: DOCUMENT_KEYS[kind].sort, type: 'S' },
          ],
          pointInTimeRecovery: { enabled: true },
          serverSideEncryption: { enabled: true },
          deletionProtectionEnabled: args.production,
          // Post documents hold text: DynamoDB deletes each once its `expiresAt` (written by the job) has passed.
          ...(kind === 'posts'
            ? { ttl: { attributeName: DOCUMENT_KEYS.posts.expiresAt, enabled: true } }
            : {}),
        },
        parent,
      );
    // Keys make a rerun overwrite: posts by ticker + `hour#postId`, prices by ticker + hour.
    this.postsTable = table('posts');
    this.pricesTable = table('prices');
    this.registerOutputs({ bucket: this.bucket.id });
  }
}
