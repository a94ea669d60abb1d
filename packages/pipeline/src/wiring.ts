import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '@stockpipe/shared';
import { ecsLogLocation } from './aws/log-location.ts';
import { requireRegion } from './aws/require-region.ts';
import { countCalls, ServiceCalls } from './aws/service-calls.ts';
import type { Logger } from './log.ts';
import { ConsoleNotifier } from './notify/console-notifier.ts';
import type { DocumentStore, Notifier, PostSource, PriceSource, RawStore, SentimentScorer } from './ports.ts';
import type { RunDeps } from './run.ts';
import { SamplePostSource } from './sources/sample-post-source.ts';
import { SamplePriceSource } from './sources/sample-price-source.ts';
import { sweepTemporaryFiles } from './stores/atomic-file.ts';
import { usableDataDir } from './stores/data-dir.ts';
import { FileRawStore } from './stores/file-raw-store.ts';
import { LocalDocumentStore } from './stores/local-document-store.ts';
import { openWarehouse } from './stores/open-warehouse.ts';
import type { PgWarehouse } from './stores/pg-warehouse.ts';

export interface Pipeline {
  deps: RunDeps;
  warehouse: PgWarehouse;
  close(): Promise<void>;
}

// Adapters are imported when chosen: a job on AWS never loads the live clients' or the local model's code, and the
// demo never loads the AWS SDK. That keeps start-up fast and memory within the smallest Fargate task.

/**
 * Picks an adapter for every port from the config. AWS clients take region, credentials and endpoints from the
 * SDK's own configuration (AWS_REGION, the credentials chain, AWS_ENDPOINT_URL_*), nothing of ours.
 */
export async function openPipeline(
  config: Config,
  logger: Logger,
  options: { notifier?: Notifier } = {},
): Promise<Pipeline> {
  const calls = new ServiceCalls();
  const localFiles = config.store === 'local' ? await openLocalFiles(config.dataDir) : undefined;
  const { bearerToken, credentials } = await readSecrets(config, calls);
  const [caPem, logLocation, sources, raw, documents, scorer, notifier] = await Promise.all([
    config.databaseCaFile ? readFile(config.databaseCaFile, 'utf8') : undefined,
    ecsLogLocation(config.ecsMetadataUri),
    openSources(config, bearerToken),
    openRawStore(config, calls, localFiles),
    openDocumentStore(config, calls, localFiles),
    openScorer(config, calls),
    options.notifier ?? openNotifier(config, calls),
  ]);
  const { warehouse, kind, url, close } = await openWarehouse({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    credentials,
    caPem,
    lockWaitMs: config.lockWaitSeconds * 1000,
    calls,
  });
  // Through serve-warehouse, say so: the rows land in the database that process serves (a loopback URL, no secret).
  if (kind === 'served')
    logger.info({ stage: 'start', warehouse: kind, url }, 'warehouse served by another process');
  return {
    deps: {
      ...sources,
      raw,
      documents,
      scorer,
      warehouse,
      notifier,
      logger,
      concurrency: config.concurrency,
      calls,
      logLocation,
    },
    warehouse,
    close,
  };
}

async function readSecrets(config: Config, calls: ServiceCalls) {
  const { x, databaseSecretArn } = config;
  if (!x.bearerTokenSecretArn && !databaseSecretArn)
    return { bearerToken: x.bearerToken, credentials: undefined };
  const [{ SecretsManagerClient }, secrets] = await Promise.all([
    import('@aws-sdk/client-secrets-manager'),
    import('./aws/secrets.ts'),
  ]);
  const regional = await requireRegion(new SecretsManagerClient({}), 'secrets are read from Secrets Manager');
  const client = countCalls(regional, 'secretsmanager', calls);
  const [bearerToken, credentials] = await Promise.all([
    x.bearerToken ??
      (x.bearerTokenSecretArn
        ? secrets.readSecret(client, x.bearerTokenSecretArn).then(secrets.bearerTokenFrom)
        : undefined),
    databaseSecretArn
      ? secrets.readSecret(client, databaseSecretArn).then(secrets.databaseCredentialsFrom)
      : undefined,
  ]);
  return { bearerToken, credentials };
}

async function openSources(
  config: Config,
  bearerToken: string | undefined,
): Promise<{ posts: PostSource; prices: PriceSource }> {
  if (config.source === 'sample') {
    return { posts: new SamplePostSource(config.x.maxResults), prices: new SamplePriceSource() };
  }
  const [{ XPostSource }, { YahooPriceSource }] = await Promise.all([
    import('./sources/x-post-source.ts'),
    import('./sources/yahoo-price-source.ts'),
  ]);
  const deadline = Date.now() + config.runBudgetSeconds * 1000;
  return {
    posts: new XPostSource({
      bearerToken: bearerToken ?? '',
      baseUrl: config.x.apiBaseUrl,
      maxResults: config.x.maxResults,
      deadline: () => deadline,
    }),
    prices: new YahooPriceSource({ baseUrl: config.yahoo.baseUrl }),
  };
}

interface LocalFiles {
  dataDir: string;
  tmpDir: string;
}

/** The data dir checked (a bad one is a configuration error), and what a killed run left in its tmp folder gone. */
async function openLocalFiles(dataDir: string): Promise<LocalFiles> {
  const usable = await usableDataDir(dataDir);
  const tmpDir = join(usable, 'tmp');
  await sweepTemporaryFiles(tmpDir);
  return { dataDir: usable, tmpDir };
}

async function openRawStore(config: Config, calls: ServiceCalls, local?: LocalFiles): Promise<RawStore> {
  if (local) return new FileRawStore(join(local.dataDir, 'raw'), { tmpDir: local.tmpDir });
  const [{ S3Client }, { S3RawStore }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('./stores/s3-raw-store.ts'),
  ]);
  const client = await requireRegion(new S3Client({}), 'STOCKPIPE_STORE=aws keeps raw bodies in S3');
  return new S3RawStore(countCalls(client, 's3', calls), config.aws.rawBucket as string);
}

async function openDocumentStore(
  config: Config,
  calls: ServiceCalls,
  local?: LocalFiles,
): Promise<DocumentStore> {
  if (local) return new LocalDocumentStore(join(local.dataDir, 'documents'), { tmpDir: local.tmpDir });
  const [{ DynamoDBClient }, { DynamoDBDocumentClient }, { DynamoDbDocumentStore }] = await Promise.all([
    import('@aws-sdk/client-dynamodb'),
    import('@aws-sdk/lib-dynamodb'),
    import('./stores/dynamodb-document-store.ts'),
  ]);
  const dynamodb = await requireRegion(
    new DynamoDBClient({}),
    'STOCKPIPE_STORE=aws keeps documents in DynamoDB',
  );
  const client = DynamoDBDocumentClient.from(countCalls(dynamodb, 'dynamodb', calls), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return new DynamoDbDocumentStore(client, {
    postsTable: config.aws.postsTable as string,
    pricesTable: config.aws.pricesTable as string,
  });
}

/** The sentiment scorer the config names: also what `eval-sentiment` measures. */
export async function openScorer(config: Config, calls = new ServiceCalls()): Promise<SentimentScorer> {
  if (config.sentiment === 'local') {
    const { LocalSentimentScorer } = await import('./sentiment/local-scorer.ts');
    return LocalSentimentScorer.fromFile();
  }
  const [{ ComprehendClient }, { ComprehendScorer }] = await Promise.all([
    import('@aws-sdk/client-comprehend'),
    import('./sentiment/comprehend-scorer.ts'),
  ]);
  // Comprehend throttles bursts: a few more attempts than the SDK's default 3, with its backoff.
  const client = await requireRegion(
    new ComprehendClient({ maxAttempts: 6 }),
    'STOCKPIPE_SENTIMENT=comprehend scores with AWS Comprehend',
  );
  return new ComprehendScorer(countCalls(client, 'comprehend', calls));
}

async function openNotifier(config: Config, calls: ServiceCalls): Promise<Notifier> {
  if (config.store === 'local') return new ConsoleNotifier();
  const [{ SNSClient }, { SnsNotifier }] = await Promise.all([
    import('@aws-sdk/client-sns'),
    import('./notify/sns-notifier.ts'),
  ]);
  const client = await requireRegion(new SNSClient({}), 'STOCKPIPE_STORE=aws notifies through SNS');
  return new SnsNotifier(countCalls(client, 'sns', calls), config.aws.snsTopicArn as string);
}
