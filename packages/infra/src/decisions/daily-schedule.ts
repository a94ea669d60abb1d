import { parseSchedule, type Schedule } from '@stockpipe/shared';

const FORMAT = '`HH:MM` (daily, UTC), an AWS cron expression in UTC, or `off`';

/**
 * A once-a-day task's schedule, from its stack config key (`complianceSchedule`, `digestSchedule`): `03:30` runs it
 * daily at 03:30 UTC, a cron expression as written, `off` never. Throws naming the key and what it takes.
 */
export function parseDailySchedule(key: string, text: string): Schedule | null {
  if (text === 'off') return null;
  const daily = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  try {
    return parseSchedule(daily ? `cron(${Number(daily[2])} ${Number(daily[1])} * * ? *)` : text);
  } catch (error) {
    throw new Error(`bad stack config: stockpipe:${key}: ${FORMAT}; ${(error as Error).message}`);
  }
}
