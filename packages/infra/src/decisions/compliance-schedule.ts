import { parseSchedule, type Schedule } from '@stockpipe/shared';

const FORMAT = '`HH:MM` (daily, UTC), an AWS cron expression in UTC, or `off`';

/**
 * The compliance check's schedule, from `stockpipe:complianceSchedule`: `03:30` runs it daily at 03:30 UTC (the
 * default: the quiet hours, long after the day's last market hour), a cron expression as written, `off` never.
 * Throws naming the key and what it takes.
 */
export function parseComplianceSchedule(text: string): Schedule | null {
  if (text === 'off') return null;
  const daily = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  try {
    return parseSchedule(daily ? `cron(${Number(daily[2])} ${Number(daily[1])} * * ? *)` : text);
  } catch (error) {
    throw new Error(`bad stack config: stockpipe:complianceSchedule: ${FORMAT}; ${(error as Error).message}`);
  }
}
