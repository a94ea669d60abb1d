import { join } from 'node:path';
import type { AwsResources, Config } from '@stockpipe/shared';
import { requireRegion } from '../aws/require-region.ts';
import { countCalls, type ServiceCalls } from '../aws/service-calls.ts';
import { ConsoleNotifier } from '../notify/console-notifier.ts';
import type { DocumentStore, Expiring, Notifier, PostHolder, RawStore } from '../ports.ts';
import { sweepTemporaryFiles } from './atomic-file.ts';
import { usableDataDir } from './data-dir.ts';
import { FileRawStore } from './file-raw-store.ts';
import { LocalDocumentStore } from './local-document-store.ts';
import { LocalPostDocuments } from './local-post-documents.ts';

/** Where the job keeps raw bodies, documents and notices, and what the job itself must expire of them. */
export interface Stores {
  raw: RawStore;
  documents: DocumentStore;
  /** The post documents, as compliance lists and cleans them. */
  postDocuments: PostHolder;
  /** The stores the job keeps within their retention itself: files do not expire on their own. */
  expiring: Expiring[];
  notifier: Notifier;
}

// AWS adapters are imported when chosen: a job on one machine never loads the AWS SDK.

/** The stores the config names: files under the data dir and the terminal, or S3, DynamoDB and SNS. */
export function openStores(config: Config, calls: ServiceCalls): Promise<Stores> {
  return config.store === 'local'
    ? localStores(config.dataDir)
    : awsStores(config.aws, config.retention.postsDays, calls);
}

/** On one machine: files under the data dir (what a killed run left in its tmp folder swept), the terminal. */
async function localStores(dataDir: string): Promise<Stores> {
  const root = await usableDataDir(dataDir);
  const tmpDir = join(root, 'tmp');
  await sweepTemporaryFiles(tmpDir);
  const raw = new FileRawStore(join(root, 'raw'), { tmpDir });
  const postDocuments = new LocalPostDocuments(join(root, 'documents'), { tmpDir });
  return {
    raw,
    documents: new LocalDocumentStore(join(root, 'documents'), { tmpDir }),
    postDocuments,
    expiring: [raw, postDocuments],
    notifier: new ConsoleNotifier(),
  };
}

/**
 * In AWS: S3, DynamoDB and SNS, each client counted and checked for a region before the run starts. The bucket's
 * lifecycle rules and the posts table's TTL expire what is old: the job expires nothing there itself.
 */
async function awsStores(
  aws: AwsResources,
  postsRetentionDays: number,
  calls: ServiceCalls,
): Promise<Stores> {
  const [
    s3,
    dynamodb,
    libDynamodb,
    sns,
    { S3RawStore },
    { DynamoDbDocumentStore },
    { DynamoDbPostDocuments },
    { SnsNotifier },
  ] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-dynamodb'),
    import('@aws-sdk/lib-dynamodb'),
    import('@aws-sdk/client-sns'),
    import('./s3-raw-store.ts'),
    import('./dynamodb-document-store.ts'),
    import('./dynamodb-post-documents.ts'),
    import('../notify/sns-notifier.ts'),
  ]);
  const [s3Client, dynamodbClient, snsClient] = await Promise.all([
    requireRegion(new s3.S3Client({}), 'STOCKPIPE_STORE=aws keeps raw bodies in S3'),
    requireRegion(new dynamodb.DynamoDBClient({}), 'STOCKPIPE_STORE=aws keeps documents in DynamoDB'),
    requireRegion(new sns.SNSClient({}), 'STOCKPIPE_STORE=aws notifies through SNS'),
  ]);
  const documents = libDynamodb.DynamoDBDocumentClient.from(countCalls(dynamodbClient, 'dynamodb', calls), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    raw: new S3RawStore(countCalls(s3Client, 's3', calls), aws.rawBucket),
    documents: new DynamoDbDocumentStore(documents, {
      postsTable: aws.postsTable,
      pricesTable: aws.pricesTable,
      postsRetentionDays,
    }),
    postDocuments: new DynamoDbPostDocuments(documents, { postsTable: aws.postsTable, postsRetentionDays }),
    expiring: [],
    notifier: new SnsNotifier(countCalls(snsClient, 'sns', calls), aws.snsTopicArn),
  };
}
