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
  MAX_WATCHLIST,
  TickerSchema,
  WATCHLIST_FORMAT,
  type WatchEntry,
  WatchEntrySchema,
  WatchlistSchema,
} from './watchlist.ts';
