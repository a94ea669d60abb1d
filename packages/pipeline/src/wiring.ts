import { join } from 'node:path';
import { type Config, ConfigError } from '@stockpipe/shared';
import type { Logger } from './log.ts';
import { ConsoleNotifier } from './notify/console-notifier.ts';
import type { Notifier } from './ports.ts';
import type { RunDeps } from './run.ts';
import { LocalSentimentScorer } from './sentiment/local-scorer.ts';
import { SamplePostSource } from './sources/sample-post-source.ts';
import { SamplePriceSource } from './sources/sample-price-source.ts';
import { FileRawStore } from './stores/file-raw-store.ts';
import { LocalDocumentStore } from './stores/local-document-store.ts';
import { openWarehouse } from './stores/open-warehouse.ts';
import type { PgWarehouse } from './stores/pg-warehouse.ts';

export interface Pipeline {
  deps: RunDeps;
  warehouse: PgWarehouse;
  close(): Promise<void>;
}

/** Picks an adapter for every port from the config. Only the embedded ones exist so far; the rest say so. */
export async function openPipeline(
  config: Config,
  logger: Logger,
  options: { notifier?: Notifier } = {},
): Promise<Pipeline> {
  const notYet: string[] = [];
  if (config.source === 'live')
    notYet.push('STOCKPIPE_SOURCE: "live" (X and Yahoo) is not built yet; use "sample"');
  if (config.store === 'aws')
    notYet.push('STOCKPIPE_STORE: "aws" (S3, DynamoDB, SNS) is not built yet; use "local"');
  if (config.sentiment === 'comprehend') {
    notYet.push('STOCKPIPE_SENTIMENT: "comprehend" is not built yet; use "local"');
  }
  if (notYet.length > 0) throw new ConfigError(notYet);

  const scorer = LocalSentimentScorer.fromFile();
  const { warehouse, close } = await openWarehouse(config.databaseUrl, config.dataDir);
  return {
    deps: {
      posts: new SamplePostSource(config.x.maxResults),
      prices: new SamplePriceSource(),
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
