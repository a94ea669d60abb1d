import type { RunMetricField } from '@stockpipe/shared';
import type { TickerOutcome } from './run-report.ts';
import type { XSpend } from './spend/x-budget.ts';

/** The outcomes a run's metrics count: its own hour's, and the earlier ticker-hours it healed (catch-up), if any. */
interface RunOutcomes {
  tickers: readonly TickerOutcome[];
  healed?: readonly TickerOutcome[];
  durationMs: number;
}

/** What the run's report does not hold, for its metrics. */
interface RunCounts {
  /** The process's peak RSS so far, in MB: what sizes the Fargate task. */
  peakRssMb: number;
  /** X's usage this billing month, judged; absent when not read (sample data, no X needed, X did not answer). */
  xSpend?: XSpend;
}

type RunMetricFields = Record<Exclude<RunMetricField, `x${string}`>, number> &
  Partial<Record<RunMetricField, number>>;

/**
 * The `run finished` event's metric fields, named as shared's RUN_METRICS names them (the stack's metric filters
 * read exactly these): plain numbers a person reads the same on a laptop and in CloudWatch. `loaded` and `failed`
 * count the tickers of the run's own hour, `healed` the earlier ticker-hours it loaded; rows and posts count every
 * loaded row. X's figures are left out when X's usage was not read, rather than logged as a zero that is not true.
 */
export function runMetricFields(report: RunOutcomes, counts: RunCounts): RunMetricFields {
  const healed = report.healed ?? [];
  const rows = [...report.tickers, ...healed].flatMap((t) => (t.status === 'loaded' ? [t.row] : []));
  const fields: RunMetricFields = {
    loaded: report.tickers.filter((t) => t.status === 'loaded').length,
    failed: report.tickers.filter((t) => t.status === 'failed').length,
    healed: healed.filter((t) => t.status === 'loaded').length,
    rowsLoaded: rows.length,
    postsRead: rows.reduce((sum, row) => sum + row.postCount, 0),
    postsScored: rows.reduce((sum, row) => sum + row.scoredCount, 0),
    ms: report.durationMs,
    peakRssMb: counts.peakRssMb,
  };
  if (counts.xSpend) {
    fields.xPostsThisMonth = counts.xSpend.postsThisMonth;
    fields.xProjectedMonthUsd = Math.round(counts.xSpend.projectedMonthUsd * 100) / 100;
  }
  return fields;
}
