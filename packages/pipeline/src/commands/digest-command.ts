import { type Config, ConfigError } from '@stockpipe/shared';
import { commandLogger } from '../log.ts';
import { readDayDigest } from '../notify/day-digest.ts';
import { DAY_MS, previousUtcDay } from '../time/hours.ts';
import { openDigest } from '../wiring.ts';

export interface DigestOptions {
  /** The UTC day, `YYYY-MM-DD`; default: yesterday. */
  day?: string;
  watchlist?: string;
}

/**
 * `stockpipe digest [--day YYYY-MM-DD]`: one message about a whole UTC day (hours loaded, failed and missing per
 * ticker, the day's sentiment and price, what failed, the biggest sentiment moves), printed, and in AWS published
 * to the alert topic with status `digest`: the stack runs it daily when `stockpipe:digestSchedule` is set. Counts
 * the hours the schedule runs. Exit 0; 1 when it could not be published.
 */
export async function digestCommand(
  config: Config,
  options: DigestOptions,
  out: (text: string) => void,
  now = new Date(),
): Promise<number> {
  const day = options.day === undefined ? previousUtcDay(now) : parseDay(options.day, now);
  const logger = commandLogger(config);
  const { warehouse, notifier, close } = await openDigest(config, logger);
  try {
    const notice = await readDayDigest(warehouse, config, day, options.watchlist);
    if (!notice) {
      // A weekend under market hours: nothing was due, so there is nothing to mail.
      out(
        `stockpipe digest ${day.toISOString().slice(0, 10)}: no hour of the day is on the schedule (${config.schedule.text}); nothing to report\n`,
      );
      return 0;
    }
    out(`${notice.subject}\n\n${notice.message}\n`);
    if (!notifier) return 0;
    try {
      await notifier.notify(notice);
      return 0;
    } catch (error) {
      logger.error({ stage: 'notify', err: error }, 'digest not published');
      return 1;
    }
  } finally {
    await close();
  }
}

/** `2026-11-28`: a real UTC day that has ended. */
function parseDay(text: string, now: Date): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== text.trim()) {
    throw new ConfigError([`--day: expected a UTC date such as 2026-11-28, got "${text}"`]);
  }
  if (day.getTime() + DAY_MS > now.getTime()) {
    throw new ConfigError([`--day: ${text.trim()} has not ended yet (UTC); expected a past day`]);
  }
  return day;
}
