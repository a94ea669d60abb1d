/**
 * The job's metrics, as the job logs them and as the stack turns them into CloudWatch metrics (metric filters on
 * the job's log group), alarms on and draws: one declaration, so the names cannot drift apart.
 *
 * Each run's `run finished` event carries the values as plain fields; the event's `stack` field is the only
 * dimension (per-ticker dimensions would cost $0.30 a month per ticker and metric).
 */
export const METRIC_NAMESPACE = 'stockpipe';
export const METRIC_DIMENSION = { name: 'Stack', field: 'stack' } as const;

/** The log events the stack reads (pino's `msg`). */
export const LOG_EVENTS = {
  runFinished: 'run finished',
  /** The daily compliance check's end: what it checked with X and removed. */
  complianceFinished: 'compliance finished',
  stageFailed: 'stage failed',
  /** A stage's duration, `ms`, per ticker or per run. */
  stage: 'stage',
} as const;

/** One datapoint of 1 per run, by the run's `status` field. */
export const RUN_STATUS_METRICS = {
  succeeded: 'RunsSucceeded',
  failed: 'RunsFailed',
} as const;

export type MetricUnit = 'Count' | 'Milliseconds' | 'Megabytes' | 'None';

/** Metrics whose value is a field of `run finished`, keyed by that field. */
export const RUN_METRICS = {
  loaded: { name: 'TickersLoaded', unit: 'Count', what: 'tickers loaded for the run’s hour' },
  failed: { name: 'TickersFailed', unit: 'Count', what: 'tickers failed for the run’s hour' },
  rowsLoaded: { name: 'RowsLoaded', unit: 'Count', what: 'rows loaded, healed hours included' },
  healed: { name: 'HoursHealed', unit: 'Count', what: 'ticker-hours healed by catch-up' },
  postsRead: { name: 'PostsRead', unit: 'Count', what: 'posts in the loaded rows' },
  postsScored: { name: 'PostsScored', unit: 'Count', what: 'posts scored in the loaded rows' },
  ms: { name: 'RunDuration', unit: 'Milliseconds', what: 'the run, start-up included' },
  peakRssMb: { name: 'PeakMemory', unit: 'Megabytes', what: 'the process’s peak RSS' },
  xPostsThisMonth: {
    name: 'XPostsThisMonth',
    unit: 'Count',
    what: 'posts X counts against the project this billing month',
  },
  xProjectedMonthUsd: {
    name: 'XProjectedMonthUsd',
    unit: 'None',
    what: 'X spend projected to the end of the billing month, in USD',
  },
} as const satisfies Record<string, { name: string; unit: MetricUnit; what: string }>;

export type RunMetricField = keyof typeof RUN_METRICS;

/** Metrics whose value is a field of `compliance finished`, keyed by that field (once a day, not every hour). */
export const COMPLIANCE_METRICS = {
  postsChecked: { name: 'PostsChecked', unit: 'Count', what: 'stored posts checked with X' },
  postsRemoved: { name: 'PostsRemoved', unit: 'Count', what: 'posts removed because X says they must go' },
} as const satisfies Record<string, { name: string; unit: MetricUnit; what: string }>;

export type ComplianceMetricField = keyof typeof COMPLIANCE_METRICS;

/** Each event that carries metrics, with its metrics by field: what the stack's metric filters are made of. */
export const METRIC_EVENTS = [
  { event: LOG_EVENTS.runFinished, metrics: RUN_METRICS },
  { event: LOG_EVENTS.complianceFinished, metrics: COMPLIANCE_METRICS },
] as const;

/** How many custom metrics the runs make, which the stack pays for by the hours they receive data. */
export const CUSTOM_METRIC_COUNT = Object.keys(RUN_STATUS_METRICS).length + Object.keys(RUN_METRICS).length;

/** How many the compliance check makes: paid for by its own hours, once a day. */
export const COMPLIANCE_METRIC_COUNT = Object.keys(COMPLIANCE_METRICS).length;
