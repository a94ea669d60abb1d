import type { RunMetricField } from '@stockpipe/shared';
import type { RunReport } from './run-report.ts';
import type { XSpend } from './spend/x-budget.ts';

/** What the run's report does not hold, for its metrics. */
interface RunCounts {
  /** The process's peak RSS so far, in MB: what sizes the Fargate task. */
  peakRssMb: number;
  /** Ticker-hours healed by catch-up. Absent: no datapoint, rather than a zero that may not be true. */
  hoursHealed?: number;
  /** X's usage this billing month, judged; absent when not read (sample data, no X needed, X did not answer). */
  xSpend?: XSpend;
}

type Always = 'loaded' | 'failed' | 'rowsLoaded' | 'postsRead' | 'postsScored' | 'ms' | 'peakRssMb';
type RunMetricFields = Record<Always, number> & Partial<Record<RunMetricField, number>>;

/**
 * The `run finished` event's metric fields, named as shared's RUN_METRICS names them (the stack's metric filters
 * read exactly these): plain numbers a person reads the same on a laptop and in CloudWatch.
 * loaded/failed count the tickers of the run's own hour; rows, posts and scored posts count every loaded row.
 */
export function runMetricFields(report: RunReport, counts: RunCounts): RunMetricFields {
  const ownHour = report.tickers.filter((t) => t.hourStart.getTime() === report.hourStart.getTime());
  const rows = report.tickers.flatMap((t) => (t.status === 'loaded' ? [t.row] : []));
  const fields: RunMetricFields = {
    loaded: ownHour.filter((t) => t.status === 'loaded').length,
    failed: ownHour.filter((t) => t.status === 'failed').length,
    rowsLoaded: rows.length,
    postsRead: rows.reduce((sum, row) => sum + row.postCount, 0),
    postsScored: rows.reduce((sum, row) => sum + row.scoredCount, 0),
    ms: report.durationMs,
    peakRssMb: counts.peakRssMb,
  };
  if (counts.hoursHealed !== undefined) fields.hoursHealed = counts.hoursHealed;
  if (counts.xSpend) {
    fields.xPostsThisMonth = counts.xSpend.postsThisMonth;
    fields.xProjectedMonthUsd = Math.round(counts.xSpend.projectedMonthUsd * 100) / 100;
  }
  return fields;
}
