import { z } from 'zod';
import { type Cron, cronFiresInHour, parseCron } from './cron.ts';

const HOUR_MS = 3_600_000;

/**
 * When the job runs, as the stack schedules it and as the job's catch-up reads it. Each run processes the last
 * complete hour, so hour H is scheduled when a run fires during H + 1h.
 * - `hourly`: every hour, a few minutes past, in UTC.
 * - `market-hours`: the hours that overlap the New York session (09:30–16:00, Monday–Friday), in New York time so
 *   daylight saving moves them: runs at 10:05 … 16:05 process 09:00 … 15:00, seven hours a weekday.
 * - `cron(…)`: AWS's six fields, in UTC.
 */
export interface Schedule {
  /** As configured: `hourly`, `market-hours` or the cron expression. */
  readonly text: string;
  /** What EventBridge Scheduler is given, with its time zone. */
  readonly expression: string;
  readonly timeZone: 'UTC' | 'America/New_York';
  readonly cron: Cron;
}

const PRESETS = {
  hourly: { expression: (minute: number) => `cron(${minute} * * * ? *)`, timeZone: 'UTC' },
  'market-hours': {
    expression: (minute: number) => `cron(${minute} 10-16 ? * MON-FRI *)`,
    timeZone: 'America/New_York',
  },
} as const;

const SCHEDULE_FORMAT = 'hourly, market-hours or an AWS cron expression in UTC, e.g. cron(5 */2 * * ? *)';

/** Reads a schedule; `minute` is when within the hour a preset runs (the cron expression says its own). */
export function parseSchedule(text: string, minute = 5): Schedule {
  const preset = PRESETS[text as keyof typeof PRESETS];
  const expression = preset ? preset.expression(minute) : text;
  return { text, expression, timeZone: preset?.timeZone ?? 'UTC', cron: parseCron(expression) };
}

/** The schedule as text, checked: what STOCKPIPE_SCHEDULE and the stack's `schedule` hold. */
export const ScheduleTextSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    try {
      parseSchedule(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `${SCHEDULE_FORMAT}; ${(error as Error).message}` });
    }
  });

/** Whether a run of this schedule processes `hourStart`: hours it skips are not missing, just not scheduled. */
export function isScheduledHour(hourStart: Date, schedule: Schedule): boolean {
  return cronFiresInHour(schedule.cron, new Date(hourStart.getTime() + HOUR_MS), schedule.timeZone);
}

// A year of reference (2027, not a leap year: 8,760 hours, 730 a month) for averages and gaps.
const YEAR_START = Date.UTC(2027, 0, 1);
const YEAR_HOURS = 8760;

function scheduledHoursOfYear(schedule: Schedule): number[] {
  const hours: number[] = [];
  for (let i = 0; i < YEAR_HOURS; i++) {
    if (isScheduledHour(new Date(YEAR_START + i * HOUR_MS), schedule)) hours.push(i);
  }
  return hours;
}

/** Runs in an average month of 730 hours: 730 hourly, about 152 for market hours. */
export function scheduledHoursPerMonth(schedule: Schedule): number {
  return scheduledHoursOfYear(schedule).length / 12;
}

/** The longest stretch, in hours, from one scheduled hour to the next (1 hourly, 66 over a weekend). */
export function longestGapHours(schedule: Schedule): number {
  const hours = scheduledHoursOfYear(schedule);
  if (hours.length === 0) return Number.POSITIVE_INFINITY;
  let longest = 0;
  hours.forEach((hour, i) => {
    const next = hours[i + 1] ?? (hours[0] as number) + YEAR_HOURS;
    longest = Math.max(longest, next - hour);
  });
  return longest;
}

/**
 * The first instant after `after` at which the schedule fires (a minute of one of its hours), within `withinHours`;
 * null when it fires in none of them. A job's run at that instant processes the hour before it.
 */
export function nextFiring(schedule: Schedule, after: Date, withinHours = 24 * 400): Date | null {
  const minutes = [...schedule.cron.minutes].sort((a, b) => a - b);
  const first = Math.floor(after.getTime() / HOUR_MS) * HOUR_MS;
  for (let hour = first; hour < first + withinHours * HOUR_MS; hour += HOUR_MS) {
    if (!cronFiresInHour(schedule.cron, new Date(hour), schedule.timeZone)) continue;
    // New York's offset from UTC is whole hours: a minute past the hour is the same in both.
    const minute = minutes.find((m) => hour + m * 60_000 > after.getTime());
    if (minute !== undefined) return new Date(hour + minute * 60_000);
  }
  return null;
}
