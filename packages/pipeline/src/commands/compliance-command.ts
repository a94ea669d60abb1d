import { type Config, ConfigError } from '@stockpipe/shared';
import { runComplianceJob } from '../compliance/compliance-job.ts';
import { checkSince } from '../compliance/retention.ts';
import { commandLogger } from '../log.ts';

export interface ComplianceOptions {
  /** Check the posts of the last N days' hours only (default: every post stored). */
  days?: number;
  dryRun?: boolean;
}

/**
 * `stockpipe compliance [--days N] [--dry-run]`: keeps the stores in line with X (the posts' retention, then X's
 * batch compliance results: deleted, protected, suspended … posts removed from every store), prints what it did per
 * store, notifies in AWS and logs `compliance finished` with its metrics. Exit 1 when something could not be checked
 * or cleaned: running it again finishes the job.
 */
export async function complianceCommand(
  config: Config,
  options: ComplianceOptions,
  out: (text: string) => void,
  now = new Date(),
): Promise<number> {
  if (!config.x.bearerToken && !config.x.bearerTokenSecretArn)
    throw new ConfigError([
      'X_BEARER_TOKEN: expected X credentials, or X_BEARER_TOKEN_SECRET_ARN: compliance asks X which stored posts must go (got unset)',
    ]);
  // Its report names every failure in a line (could not check with X: …); the log's events, stacks and all, would
  // say each again on stderr. LOG_LEVEL brings them (the job in AWS sets it).
  const logger = commandLogger({ logLevel: config.logLevel ?? 'fatal' });
  const { report, text } = await runComplianceJob(config, logger, {
    now,
    since: checkSince(now, options.days),
    dryRun: options.dryRun ?? false,
  });
  out(text);
  return report.failed ? 1 : 0;
}
