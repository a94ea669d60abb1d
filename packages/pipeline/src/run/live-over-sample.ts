import { type Config, ConfigError } from '@stockpipe/shared';
import { count } from '../format/count.ts';

/**
 * Live data is not loaded among sample rows for the same ticker-hours unasked: the warehouse would show made-up
 * posts and prices beside X's and Yahoo's as one series. `--force` replaces the sample rows with live ones.
 */
export function liveOverSampleRefusal(
  source: Config['source'],
  sampleRows: number,
  command: 'run' | 'backfill',
): ConfigError | undefined {
  if (source !== 'live' || sampleRows === 0) return undefined;
  return new ConfigError([
    `STOCKPIPE_SOURCE=live: the warehouse holds sample (made-up) rows for ${count(sampleRows, 'ticker-hour')} of this ${command}; add --force to replace them with live data, or give live data a warehouse of its own (another STOCKPIPE_DATA_DIR or DATABASE_URL)`,
  ]);
}
