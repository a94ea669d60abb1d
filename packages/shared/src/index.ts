// The contract between the job (packages/pipeline) and its infrastructure (packages/infra): what one sets and the
// other reads. Nothing else lives here.
export {
  type AwsResources,
  CONFIG_VARIABLES,
  type Config,
  DEFAULT_WATCHLIST,
  EnvSchema,
  parseConfig,
  parseWatchlist,
  type StoreConfig,
} from './config.ts';
export { CONTAINER_PATHS } from './container.ts';
export {
  type CostLine,
  monthlyCost,
  PRICES,
  runsPerMonth,
  STACK_ALARM_COUNT,
  STACK_SIZE_DEFAULTS,
} from './cost.ts';
export {
  DEFAULT_ANALYZE_SCHEDULE,
  DEFAULT_COMPLIANCE_SCHEDULE,
  DEFAULT_DIGEST_SCHEDULE,
  parseDailySchedule,
} from './daily-schedule.ts';
export { DOCUMENT_KEYS } from './document-keys.ts';
export { ConfigError } from './errors.ts';
// The NYSE calendar: the job's sample market and closed hours, and the schedule of market hours in infra.
export {
  isRegularSession,
  lastTradingHour,
  previousSession,
  type Session,
  sessionAtOrBefore,
  sessionBarStarts,
} from './market-session.ts';
export {
  COMPLIANCE_METRICS,
  type ComplianceMetricField,
  LOG_EVENTS,
  METRIC_DIMENSION,
  METRIC_EVENTS,
  METRIC_NAMESPACE,
  type MetricUnit,
  RUN_METRICS,
  RUN_STATUS_METRICS,
  type RunMetricField,
} from './metrics.ts';
// Whether the NYSE trades on a New York day: views name the days it did not (weekends, holidays).
export { nyseTradingHours } from './nyse-calendar.ts';
export {
  isScheduledHour,
  longestGapHours,
  nextFiring,
  parseSchedule,
  type Schedule,
  scheduledHoursPerMonth,
} from './schedule.ts';
export {
  DEFAULT_WATCHLIST_TEXT,
  MAX_WATCHLIST,
  TickerSchema,
  WATCHLIST_FORMAT,
  type WatchEntry,
  WatchEntrySchema,
  WatchlistSchema,
  withinSearchLimit,
} from './watchlist.ts';
