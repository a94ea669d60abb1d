export {
  CONFIG_VARIABLES,
  type Config,
  DEFAULT_WATCHLIST,
  EnvSchema,
  parseConfig,
  parseWatchlist,
} from './config.ts';
export { ConfigError } from './errors.ts';
export {
  floorToHour,
  HOUR_MS,
  hourKey,
  hoursUpTo,
  lastCompleteHour,
  parseHour,
  recentHours,
} from './hours.ts';
export {
  isRegularSession,
  lastTradingHour,
  previousSession,
  type Session,
  sessionAtOrBefore,
  sessionBarStarts,
} from './market-session.ts';
export * from './schemas/records.ts';
export * from './schemas/x.ts';
export * from './schemas/yahoo.ts';
export {
  MAX_WATCHLIST,
  TickerSchema,
  WATCHLIST_FORMAT,
  type WatchEntry,
  WatchEntrySchema,
  WatchlistSchema,
} from './watchlist.ts';
