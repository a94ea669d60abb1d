import { type Config, LOG_EVENTS } from '@stockpipe/shared';
import { commandRunId } from '../cli/run-id.ts';
import type { Logger } from '../log.ts';
import type { OpenWarehouse } from '../stores/open-warehouse.ts';
import { openCompliance } from '../wiring.ts';
import { complianceMetricFields, complianceSubject, describeCompliance } from './report.ts';
import { type ComplianceReport, runCompliance } from './run-compliance.ts';

export interface ComplianceJobRequest {
  now: Date;
  since: Date | null;
  dryRun: boolean;
  /** A warehouse kept open by the caller (serve's); the job opens its own otherwise. */
  warehouse?: OpenWarehouse;
}

/**
 * The compliance check as `stockpipe compliance` and `serve`'s daily schedule run it: retention, then X's verdicts
 * applied to every store; notified in AWS (not for a dry run), logged as `compliance finished` with its metrics.
 * Returns the report and the text that tells it.
 */
export async function runComplianceJob(
  config: Config,
  logger: Logger,
  request: ComplianceJobRequest,
): Promise<{ report: ComplianceReport; text: string }> {
  const started = performance.now();
  const runId = commandRunId('compliance');
  const pipeline = await openCompliance(config, logger, runId, { warehouse: request.warehouse });
  try {
    const { dryRun, now, since } = request;
    const report = await runCompliance(pipeline.deps, {
      runId,
      now,
      since,
      dryRun,
      retention: config.retention,
    });
    const text = describeCompliance(report);
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
    return { report, text };
  } finally {
    await pipeline.close();
  }
}
