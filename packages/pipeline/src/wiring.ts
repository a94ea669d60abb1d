import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Config } from '@stockpipe/shared';
import { ecsLogLocation } from './aws/log-location.ts';
import { requireRegion } from './aws/require-region.ts';
import { countCalls, ServiceCalls } from './aws/service-calls.ts';
import type { ComplianceDeps } from './compliance/run-compliance.ts';
import type { Logger } from './log.ts';
import type {
  Notifier,
  PostSource,
  PriceSource,
  RawStore,
  SentimentScorer,
  VolumeSource,
  WarehouseReader,
} from './ports.ts';
import { POSTS_RAW_PREFIX } from './raw/posts-raw-prefix.ts';
import { PostVolumes } from './run/post-volumes.ts';
import type { RunDeps } from './run.ts';
import { SamplePostSource } from './sources/sample-post-source.ts';
import { SamplePriceSource } from './sources/sample-price-source.ts';
import { SampleVolumeSource } from './sources/sample-volume-source.ts';
import type { XRateWindow } from './sources/x-rate-window.ts';
import type { SpendGuard } from './spend/x-spend-guard.ts';
import { readDatabaseCa } from './stores/database-ca.ts';
import { openStores } from './stores/open-stores.ts';
import { type OpenWarehouse, openWarehouse } from './stores/open-warehouse.ts';
import type { DatabaseCredentials } from './stores/pg-connection.ts';

export interface Pipeline {
  deps: RunDeps;
  /** The same warehouse, for what reads it after the runs (the demo's table and dashboard). */
  warehouse: WarehouseReader;
  /** Which warehouse it is and where (OpenWarehouse's), for what a command tells its user. */
  warehouseAt: Pick<OpenWarehouse, 'kind' | 'url'>;
  close(): Promise<void>;
}

// Adapters are imported when chosen: a job on AWS never loads the live clients' or the local model's code, and the
// demo never loads the AWS SDK. That keeps start-up fast and memory within the smallest Fargate task.

/**
 * Picks an adapter for every port from the config. AWS clients take region, credentials and endpoints from the
 * SDK's own configuration (AWS_REGION, the credentials chain, AWS_ENDPOINT_URL_*), nothing of ours.
 */
/** How a long command (backfill) lets X's request window pace it, and watches it. */
export interface XRequestPacing {
  /** No run budget: wait for X's window as long as it asks. */
  unbounded: boolean;
  onWait?: (until: Date) => void;
  /** Given the window, to show what is left of it. */
  onWindow?: (window: XRateWindow) => void;
}

export async function openPipeline(
  config: Config,
  parentLogger: Logger,
  options: { notifier?: Notifier; xRequests?: XRequestPacing; warehouse?: OpenWarehouse } = {},
): Promise<Pipeline> {
  // In a stack, every event names it: the dimension of the job's metrics.
  const logger = config.stack ? parentLogger.child({ stack: config.stack }) : parentLogger;
  const calls = new ServiceCalls();
  // The scorer first: a configuration it finds wrong (Comprehend without a region) stops the job before anything
  // is made in the data dir.
  const scorer = await openScorer(config, calls);
  const caPem = await readDatabaseCa(config);
  const stores = await openStores(config, calls);
  const secrets = new Secrets(config, calls);
  const bearerToken = await secrets.bearerToken();
  const [logLocation, { volumes, ...sources }] = await Promise.all([
    ecsLogLocation(config.ecsMetadataUri),
    openSources(config, bearerToken, logger, options.xRequests, stores.raw),
  ]);
  // A warehouse opened already (serve's, for its lifetime) stays open when the pipeline closes.
  const opened = options.warehouse
    ? { ...options.warehouse, close: async () => {} }
    : await openWarehouseOf(config, logger, { secrets, caPem, calls });
  const { warehouse, close } = opened;
  return {
    deps: {
      ...sources,
      // One per command: what it read and asked of the counts is never asked again, whatever its batches.
      volumes: new PostVolumes(volumes, stores.raw),
      raw: stores.raw,
      documents: stores.documents,
      notifier: options.notifier ?? stores.notifier,
      scorer,
      warehouse,
      logger,
      concurrency: config.concurrency,
      calls,
      logLocation,
    },
    warehouse,
    warehouseAt: { kind: opened.kind, url: opened.url },
    close,
  };
}

/** What `stockpipe compliance` works with, and where its outcome goes. */
export interface CompliancePipeline {
  deps: ComplianceDeps;
  /** SNS in AWS; none on one machine, where the command's own report on the terminal is the notice. */
  notifier: Notifier | null;
  calls: ServiceCalls;
  close(): Promise<void>;
}

/**
 * The stores, the warehouse (its top posts and hour locks) and X's compliance endpoints: no source, no scorer. The
 * search bodies are found under the configured source's prefix, where replay reads them too.
 */
export async function openCompliance(
  config: Config,
  parentLogger: Logger,
  runId: string,
  options: { warehouse?: OpenWarehouse } = {},
): Promise<CompliancePipeline> {
  const logger = config.stack ? parentLogger.child({ stack: config.stack }) : parentLogger;
  const calls = new ServiceCalls();
  const caPem = await readDatabaseCa(config);
  const stores = await openStores(config, calls);
  const secrets = new Secrets(config, calls);
  const [bearerToken, { XComplianceChecker }] = await Promise.all([
    secrets.bearerToken(),
    import('./sources/x-compliance-checker.ts'),
  ]);
  const opened = options.warehouse
    ? { ...options.warehouse, close: async () => {} }
    : await openWarehouseOf(config, logger, { secrets, caPem, calls });
  const { warehouse, close } = opened;
  const deadline = Date.now() + config.runBudgetSeconds * 1000;
  return {
    deps: {
      raw: stores.raw,
      postsPrefix: POSTS_RAW_PREFIX[config.source],
      tickers: config.watchlist.map((w) => w.ticker),
      documents: stores.postDocuments,
      topPosts: warehouse.topPostStore,
      expiring: [...stores.expiring, warehouse.topPostStore],
      checker: new XComplianceChecker({
        bearerToken: bearerToken ?? '',
        baseUrl: config.x.apiBaseUrl,
        deadline: () => deadline,
        jobName: `stockpipe-${runId}`,
      }),
      lockHours: (hours, options) => warehouse.lockHours(hours, options),
      logger,
    },
    notifier: config.store === 'aws' ? stores.notifier : null,
    calls,
    close,
  };
}

/** What `stockpipe digest` reads (the warehouse, with the job's database credentials) and where it publishes. */
export interface DigestPipeline {
  warehouse: WarehouseReader;
  /** SNS in AWS; none on one machine, where the digest printed on the terminal is all there is. */
  notifier: Notifier | null;
  close(): Promise<void>;
}

export async function openDigest(config: Config, logger: Logger): Promise<DigestPipeline> {
  const calls = new ServiceCalls();
  const stores = config.store === 'aws' ? await openStores(config, calls) : undefined;
  const { warehouse, close } = await openWarehouseFor(config, logger, { calls, existing: true });
  return { warehouse, notifier: stores?.notifier ?? null, close };
}

/**
 * The warehouse the config names, with the job's database credentials (DATABASE_SECRET_ARN) and the CA that
 * verifies its TLS (DATABASE_CA_FILE): how every command that reads or writes the warehouse opens it.
 */
export async function openWarehouseFor(
  config: Config,
  logger: Logger,
  options: {
    calls?: ServiceCalls;
    servePort?: number;
    serveHost?: string;
    idleInTransactionMs?: number;
    /** A command that only reads: an embedded warehouse must be there already (WarehouseTarget.existing). */
    existing?: boolean;
  } = {},
): Promise<OpenWarehouse> {
  const calls = options.calls ?? new ServiceCalls();
  return openWarehouseOf(config, logger, {
    secrets: new Secrets(config, calls),
    caPem: await readDatabaseCa(config),
    calls,
    servePort: options.servePort,
    serveHost: options.serveHost,
    idleInTransactionMs: options.idleInTransactionMs,
    existing: options.existing,
  });
}

async function openWarehouseOf(
  config: Config,
  logger: Logger,
  connection: {
    secrets: Secrets;
    caPem: string | undefined;
    calls: ServiceCalls;
    servePort?: number;
    serveHost?: string;
    idleInTransactionMs?: number;
    existing?: boolean;
  },
): Promise<OpenWarehouse> {
  const opened = await openWarehouse({
    existing: connection.existing,
    url: config.databaseUrl,
    dataDir: config.dataDir,
    credentials: await connection.secrets.databaseCredentials(),
    caPem: connection.caPem,
    calls: connection.calls,
    servePort: connection.servePort,
    serveHost: connection.serveHost,
    idleInTransactionMs: connection.idleInTransactionMs,
    lockWaitMs: config.lockWaitSeconds * 1000,
    // On stderr, whatever the command's log: the person who started it learns at once why nothing happens.
    waiting: (notice) => process.stderr.write(`stockpipe: ${notice}\n`),
  });
  // Through serve-warehouse, say so: the rows land in the database that process serves (a loopback URL, no secret).
  if (opened.kind === 'served')
    logger.info(
      { stage: 'start', warehouse: opened.kind, url: opened.url },
      'warehouse served by another process',
    );
  return opened;
}

/** The job's secrets in Secrets Manager, each read once when first asked for, through one client. */
class Secrets {
  readonly #config: Config;
  readonly #calls: ServiceCalls;
  #client: Promise<SecretsManagerClient> | undefined;

  constructor(config: Config, calls: ServiceCalls) {
    this.#config = config;
    this.#calls = calls;
  }

  /** X_BEARER_TOKEN, or the secret X_BEARER_TOKEN_SECRET_ARN names. */
  async bearerToken(): Promise<string | undefined> {
    const { bearerToken, bearerTokenSecretArn } = this.#config.x;
    if (bearerToken || !bearerTokenSecretArn) return bearerToken;
    const secrets = await import('./aws/secrets.ts');
    return secrets.bearerTokenFrom(
      await secrets.readSecret(await this.#secretsManager(), bearerTokenSecretArn),
    );
  }

  /** The database's user and password from DATABASE_SECRET_ARN, for a server; none otherwise. */
  async databaseCredentials(): Promise<DatabaseCredentials | undefined> {
    const { databaseUrl, databaseSecretArn } = this.#config;
    if (!databaseUrl || !databaseSecretArn) return undefined;
    const secrets = await import('./aws/secrets.ts');
    return secrets.databaseCredentialsFrom(
      await secrets.readSecret(await this.#secretsManager(), databaseSecretArn),
    );
  }

  #secretsManager(): Promise<SecretsManagerClient> {
    this.#client ??= import('@aws-sdk/client-secrets-manager').then(async ({ SecretsManagerClient }) =>
      countCalls(
        await requireRegion(new SecretsManagerClient({}), 'secrets are read from Secrets Manager'),
        'secretsmanager',
        this.#calls,
      ),
    );
    return this.#client;
  }
}

async function openSources(
  config: Config,
  bearerToken: string | undefined,
  logger: Logger,
  xRequests: XRequestPacing | undefined,
  raw: RawStore,
): Promise<{ posts: PostSource; prices: PriceSource; volumes: VolumeSource; xSpend?: SpendGuard }> {
  if (config.source === 'sample') {
    return {
      posts: new SamplePostSource(config.x.maxResults),
      prices: new SamplePriceSource(),
      volumes: new SampleVolumeSource(),
    };
  }
  const [
    { XPostSource },
    { XVolumeSource },
    { YahooPriceSource },
    { XRateWindow },
    { XUsageReader },
    { XSpendGuard },
    { stagedCountsRequests },
  ] = await Promise.all([
    import('./sources/x-post-source.ts'),
    import('./sources/x-volume-source.ts'),
    import('./sources/yahoo-price-source.ts'),
    import('./sources/x-rate-window.ts'),
    import('./sources/x-usage-reader.ts'),
    import('./spend/x-spend-guard.ts'),
    import('./spend/counts-requests.ts'),
  ]);
  const usage = new XUsageReader({ bearerToken: bearerToken ?? '', baseUrl: config.x.apiBaseUrl });
  // An hourly run must end before the next begins; a backfill may wait as long as X's window asks.
  const deadline = xRequests?.unbounded
    ? Number.POSITIVE_INFINITY
    : Date.now() + config.runBudgetSeconds * 1000;
  const window = new XRateWindow({ deadline: () => deadline, onWait: xRequests?.onWait });
  xRequests?.onWindow?.(window);
  // Recent counts have a request window of their own: its answers say nothing of the search's.
  const countsWindow = new XRateWindow({ deadline: () => deadline, onWait: xRequests?.onWait });
  const volumes = new XVolumeSource({
    bearerToken: bearerToken ?? '',
    baseUrl: config.x.apiBaseUrl,
    deadline: () => deadline,
    window: countsWindow,
  });
  return {
    posts: new XPostSource({
      bearerToken: bearerToken ?? '',
      baseUrl: config.x.apiBaseUrl,
      maxResults: config.x.maxResults,
      search: config.x.search,
      deadline: () => deadline,
      window,
    }),
    volumes,
    prices: new YahooPriceSource({ baseUrl: config.yahoo.baseUrl }),
    xSpend: new XSpendGuard(
      () => usage.read(),
      {
        budgetUsd: config.x.monthlyBudgetUsd,
        costPerPostUsd: config.x.costPerPostUsd,
        costPerCountsRequestUsd: config.x.costPerCountsRequestUsd,
      },
      logger,
      undefined,
      stagedCountsRequests(
        raw,
        volumes.rawPrefix,
        config.watchlist.map((w) => w.ticker),
      ),
    ),
  };
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
