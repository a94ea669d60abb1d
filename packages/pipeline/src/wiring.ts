import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '@stockpipe/shared';
import { ecsLogLocation } from './aws/log-location.ts';
import { bearerTokenFrom, databaseCredentialsFrom, readSecret } from './aws/secrets.ts';
import { countCalls, ServiceCalls } from './aws/service-calls.ts';
import type { Logger } from './log.ts';
import { ConsoleNotifier } from './notify/console-notifier.ts';
import { SnsNotifier } from './notify/sns-notifier.ts';
import type { DocumentStore, Notifier, PostSource, PriceSource, SentimentScorer } from './ports.ts';
import type { RunDeps } from './run.ts';
import { ComprehendScorer } from './sentiment/comprehend-scorer.ts';
import { LocalSentimentScorer } from './sentiment/local-scorer.ts';
import { SamplePostSource } from './sources/sample-post-source.ts';
import { SamplePriceSource } from './sources/sample-price-source.ts';
import { XPostSource } from './sources/x-post-source.ts';
import { YahooPriceSource } from './sources/yahoo-price-source.ts';
import { DynamoDbDocumentStore } from './stores/dynamodb-document-store.ts';
import { FileRawStore } from './stores/file-raw-store.ts';
import { LocalDocumentStore } from './stores/local-document-store.ts';
import { openWarehouse } from './stores/open-warehouse.ts';
import type { PgWarehouse } from './stores/pg-warehouse.ts';
import { S3RawStore } from './stores/s3-raw-store.ts';

export interface Pipeline {
  deps: RunDeps;
  warehouse: PgWarehouse;
  close(): Promise<void>;
}

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
  const aws = config.store === 'aws';
  const secrets =
    config.x.bearerTokenSecretArn || config.databaseSecretArn ? secretsClient(calls) : undefined;
  const readSecretText = (arn: string) => readSecret(secrets as SecretsManagerClient, arn);

  const [bearerToken, credentials, caPem, logLocation] = await Promise.all([
    config.x.bearerToken ??
      (config.x.bearerTokenSecretArn
        ? readSecretText(config.x.bearerTokenSecretArn).then(bearerTokenFrom)
        : undefined),
    config.databaseSecretArn
      ? readSecretText(config.databaseSecretArn).then(databaseCredentialsFrom)
      : undefined,
    config.databaseCaFile ? readFile(config.databaseCaFile, 'utf8') : undefined,
    ecsLogLocation(config.ecsMetadataUri),
  ]);

  const { warehouse, close } = await openWarehouse({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    credentials,
    caPem,
    lockWaitMs: config.lockWaitSeconds * 1000,
    calls,
  });
  return {
    deps: {
      ...sources(config, bearerToken),
      raw: aws
        ? new S3RawStore(countCalls(new S3Client({}), 's3', calls), config.aws.rawBucket as string)
        : new FileRawStore(join(config.dataDir, 'raw')),
      documents: documentStore(config, calls),
      scorer: scorer(config, calls),
      warehouse,
      notifier:
        options.notifier ??
        (aws
          ? new SnsNotifier(countCalls(new SNSClient({}), 'sns', calls), config.aws.snsTopicArn as string)
          : new ConsoleNotifier()),
      logger,
      concurrency: config.concurrency,
      calls,
      logLocation,
    },
    warehouse,
    close,
  };
}

function sources(
  config: Config,
  bearerToken: string | undefined,
): { posts: PostSource; prices: PriceSource } {
  if (config.source === 'sample') {
    return { posts: new SamplePostSource(config.x.maxResults), prices: new SamplePriceSource() };
  }
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

function documentStore(config: Config, calls: ServiceCalls): DocumentStore {
  if (config.store === 'local') return new LocalDocumentStore(join(config.dataDir, 'documents'));
  const client = DynamoDBDocumentClient.from(countCalls(new DynamoDBClient({}), 'dynamodb', calls), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return new DynamoDbDocumentStore(client, {
    postsTable: config.aws.postsTable as string,
    pricesTable: config.aws.pricesTable as string,
  });
}

function scorer(config: Config, calls: ServiceCalls): SentimentScorer {
  if (config.sentiment === 'local') return LocalSentimentScorer.fromFile();
  // Comprehend throttles bursts: a few more attempts than the SDK's default 3, with its backoff.
  return new ComprehendScorer(countCalls(new ComprehendClient({ maxAttempts: 6 }), 'comprehend', calls));
}

function secretsClient(calls: ServiceCalls): SecretsManagerClient {
  return countCalls(new SecretsManagerClient({}), 'secretsmanager', calls);
}
