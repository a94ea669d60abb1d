import { z } from 'zod';
import { parseSchedule, type Schedule } from './schedule.ts';

const FORMAT = '`HH:MM` (daily, UTC), an AWS cron expression in UTC, or `off`';

/** When the daily compliance check and retention run, unless configured: early in the UTC day. */
export const DEFAULT_COMPLIANCE_SCHEDULE = '03:30';
/** When the lead–lag analysis is refreshed (`analyze --save`): after the day's hours and the compliance check. */
export const DEFAULT_ANALYZE_SCHEDULE = '04:00';
/** The daily digest is off unless asked for: it is a message a person chose to get. */
export const DEFAULT_DIGEST_SCHEDULE = 'off';

/**
 * A once-a-day task's schedule (the compliance check, the digest): `03:30` runs it daily at 03:30 UTC, a cron
 * expression as written, `off` never. Throws an Error saying what it takes.
 */
export function parseDailySchedule(text: string): Schedule | null {
  if (text === 'off') return null;
  const daily = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  try {
    return parseSchedule(daily ? `cron(${Number(daily[2])} ${Number(daily[1])} * * ? *)` : text);
  } catch (error) {
    throw new Error(`${FORMAT}; ${(error as Error).message}`);
  }
}

/** The text of a daily schedule, checked. */
export const DailyScheduleTextSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    try {
      parseDailySchedule(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });
