import { type Config, ConfigError, LOG_EVENTS } from '@stockpipe/shared';
import { commandRunId } from '../cli/run-id.ts';
import { complianceMetricFields, complianceSubject, describeCompliance } from '../compliance/report.ts';
import { checkSince } from '../compliance/retention.ts';
import { runCompliance } from '../compliance/run-compliance.ts';
import { commandLogger } from '../log.ts';
import { openCompliance } from '../wiring.ts';

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
  const started = performance.now();
  const runId = commandRunId('compliance');
  const logger = commandLogger(config);
  const pipeline = await openCompliance(config, logger, runId);
  try {
    const dryRun = options.dryRun ?? false;
    const report = await runCompliance(pipeline.deps, {
      runId,
      now,
      since: checkSince(now, options.days),
      dryRun,
      retention: config.retention,
    });
    const text = describeCompliance(report);
    out(text);
    const status = report.failed ? 'failed' : 'succeeded';
    if (!dryRun && pipeline.notifier) {
      await pipeline.notifier
        .notify({ status, subject: complianceSubject(report), message: text })
        .catch((error: unknown) =>
          pipeline.deps.logger.warn({ stage: 'notify', err: error }, 'notify failed'),
        );
    }
    pipeline.deps.logger.info(
      {
        runId,
        stage: 'compliance',
        status,
        dryRun,
        ...complianceMetricFields(report),
        ms: Math.round(performance.now() - started),
        calls: pipeline.calls.snapshot(),
      },
      LOG_EVENTS.complianceFinished,
    );
    return report.failed ? 1 : 0;
  } finally {
    await pipeline.close();
  }
}
