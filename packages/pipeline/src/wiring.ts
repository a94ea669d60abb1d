import { join } from 'node:path';
import { type Config, ConfigError } from '@stockpipe/shared';
import type { Logger } from './log.ts';
import { ConsoleNotifier } from './notify/console-notifier.ts';
import type { Notifier } from './ports.ts';
import type { RunDeps } from './run.ts';
import { LocalSentimentScorer } from './sentiment/local-scorer.ts';
import { SamplePostSource } from './sources/sample-post-source.ts';
import { SamplePriceSource } from './sources/sample-price-source.ts';
import { XPostSource } from './sources/x-post-source.ts';
import { YahooPriceSource } from './sources/yahoo-price-source.ts';
import { FileRawStore } from './stores/file-raw-store.ts';
import { LocalDocumentStore } from './stores/local-document-store.ts';
import { openWarehouse } from './stores/open-warehouse.ts';
import type { PgWarehouse } from './stores/pg-warehouse.ts';

export interface Pipeline {
  deps: RunDeps;
  warehouse: PgWarehouse;
  close(): Promise<void>;
}

/** Picks an adapter for every port from the config; those not built yet say so (exit 2) before any I/O. */
export async function openPipeline(
  config: Config,
  logger: Logger,
  options: { notifier?: Notifier } = {},
): Promise<Pipeline> {
  const notYet: string[] = [];
  if (config.source === 'live' && !config.x.bearerToken) {
    notYet.push(
      'X_BEARER_TOKEN_SECRET_ARN: reading the token from Secrets Manager is not built yet; set X_BEARER_TOKEN',
    );
  }
  if (config.store === 'aws')
    notYet.push('STOCKPIPE_STORE: "aws" (S3, DynamoDB, SNS) is not built yet; use "local"');
  if (config.sentiment === 'comprehend') {
    notYet.push('STOCKPIPE_SENTIMENT: "comprehend" is not built yet; use "local"');
  }
  if (notYet.length > 0) throw new ConfigError(notYet);

  const scorer = LocalSentimentScorer.fromFile();
  const deadline = Date.now() + config.runBudgetSeconds * 1000;
  const sources =
    config.source === 'live'
      ? {
          posts: new XPostSource({
            bearerToken: config.x.bearerToken ?? '',
            baseUrl: config.x.apiBaseUrl,
            maxResults: config.x.maxResults,
            deadline: () => deadline,
          }),
          prices: new YahooPriceSource({ baseUrl: config.yahoo.baseUrl }),
        }
      : { posts: new SamplePostSource(config.x.maxResults), prices: new SamplePriceSource() };
  const { warehouse, close } = await openWarehouse(config.databaseUrl, config.dataDir);
  return {
    deps: {
      ...sources,
      raw: new FileRawStore(join(config.dataDir, 'raw')),
      documents: new LocalDocumentStore(join(config.dataDir, 'documents')),
      scorer,
      warehouse,
      notifier: options.notifier ?? new ConsoleNotifier(),
      logger,
      concurrency: config.concurrency,
    },
    warehouse,
    close,
  };
}
