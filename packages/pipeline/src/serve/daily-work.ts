import { join } from 'node:path';
import type { Config } from '@stockpipe/shared';
import { DEFAULT_ANALYSIS_OPTIONS } from '../analysis/analysis-hour.ts';
import { runAnalysis } from '../analyze-job.ts';
import { ServiceCalls } from '../aws/service-calls.ts';
import { runComplianceJob } from '../compliance/compliance-job.ts';
import { complianceMetricFields } from '../compliance/report.ts';
import { expire } from '../compliance/run-compliance.ts';
import type { Logger } from '../log.ts';
import { readDayDigest } from '../notify/day-digest.ts';
import { writeFileAtomic } from '../stores/atomic-file.ts';
import { openStores } from '../stores/open-stores.ts';
import type { OpenWarehouse } from '../stores/open-warehouse.ts';
import { lastCompleteHour, previousUtcDay } from '../time/hours.ts';
import type { ScheduledTask } from './scheduler.ts';
import type { ServeMetrics } from './serve-metrics.ts';

/** Where serve keeps each day's digest: one text file a day in the data dir. */
const digestPath = (dataDir: string, day: Date) =>
  join(dataDir, 'digests', `${day.toISOString().slice(0, 10)}.txt`);

/** The daily digest of the day before the firing: kept as a file and logged, not mailed (one machine has no SNS). */
export function digestTask(config: Config, open: OpenWarehouse, logger: Logger): ScheduledTask | null {
  const schedule = config.daily.digest;
  if (!schedule) return null;
  return {
    name: 'digest',
    schedule,
    async run(firedAt) {
      const day = previousUtcDay(firedAt);
      const notice = await readDayDigest(open.warehouse, config, day);
      if (!notice) {
        logger.info({ stage: 'digest', day: day.toISOString().slice(0, 10) }, 'no scheduled hour that day');
        return;
      }
      const path = digestPath(config.dataDir, day);
      await writeFileAtomic(path, `${notice.subject}\n\n${notice.message}\n`);
      logger.info(
        { stage: 'digest', day: day.toISOString().slice(0, 10), path, subject: notice.subject },
        'digest',
      );
    },
  };
}

/**
 * The daily keeping in line: with live X, the compliance check (retention first, then what X says must go); on
 * sample data, retention alone (X never saw those posts).
 */
export function complianceTask(
  config: Config,
  open: OpenWarehouse,
  logger: Logger,
  metrics: ServeMetrics,
): ScheduledTask | null {
  const schedule = config.daily.compliance;
  if (!schedule) return null;
  return {
    name: config.source === 'live' ? 'compliance' : 'retention',
    schedule,
    async run(firedAt) {
      if (config.source === 'live') {
        const { report } = await runComplianceJob(config, logger, {
          now: firedAt,
          since: null,
          dryRun: false,
          warehouse: open,
        });
        metrics.recordCompliance(complianceMetricFields(report));
        return;
      }
      const stores = await openStores(config, new ServiceCalls());
      const expired = await expire(
        [...stores.expiring, open.warehouse.topPostStore],
        { now: firedAt, retention: config.retention, dryRun: false },
        logger,
      );
      logger.info({ stage: 'retention', expired }, 'retention');
    },
  };
}

/** The daily refresh of the lead–lag analysis, over every hour held: what the dashboard's panel draws. */
export function analyzeTask(config: Config, open: OpenWarehouse, logger: Logger): ScheduledTask | null {
  const schedule = config.daily.analyze;
  if (!schedule) return null;
  return {
    name: 'analyze',
    schedule,
    async run(firedAt) {
      const run = await runAnalysis(config, open.warehouse, {
        to: lastCompleteHour(firedAt),
        settings: DEFAULT_ANALYSIS_OPTIONS,
        save: true,
      });
      const verdicts: Record<string, number> = {};
      for (const t of run.tickers) verdicts[t.verdict] = (verdicts[t.verdict] ?? 0) + 1;
      logger.info(
        { stage: 'analyze', tickers: run.tickers.length, comparisons: run.comparisons, verdicts },
        'analyze',
      );
    },
  };
}
