import { describe, expect, it } from 'vitest';
import { parseCron } from '../src/cron.ts';
import { parseDailySchedule } from '../src/daily-schedule.ts';
import {
  isScheduledHour,
  longestGapHours,
  nextFiring,
  parseSchedule,
  scheduledHoursPerMonth,
} from '../src/schedule.ts';

const scheduled = (text: string, ...hours: string[]) =>
  hours.map((hour) => isScheduledHour(new Date(hour), parseSchedule(text)));

describe('schedules', () => {
  it('give EventBridge Scheduler an expression and its time zone; market hours in New York time', () => {
    expect(parseSchedule('hourly', 5)).toMatchObject({ expression: 'cron(5 * * * ? *)', timeZone: 'UTC' });
    expect(parseSchedule('market-hours', 7)).toMatchObject({
      expression: 'cron(7 10-16 ? * MON-FRI *)',
      timeZone: 'America/New_York',
    });
    expect(parseSchedule('cron(0 */2 * * ? *)')).toMatchObject({
      expression: 'cron(0 */2 * * ? *)',
      timeZone: 'UTC',
    });
  });

  it('schedule every hour when hourly', () => {
    expect(scheduled('hourly', '2026-03-07T03:00Z', '2026-03-08T07:00Z')).toEqual([true, true]);
  });

  it('schedule the New York session’s hours across the spring daylight-saving change', () => {
    // Friday 6 March 2026 is EST (UTC−5): 09:00–15:00 New York is 14:00–20:00 UTC.
    expect(
      scheduled(
        'market-hours',
        '2026-03-06T13:00Z',
        '2026-03-06T14:00Z',
        '2026-03-06T20:00Z',
        '2026-03-06T21:00Z',
      ),
    ).toEqual([false, true, true, false]);
    // The weekend between: nothing.
    expect(scheduled('market-hours', '2026-03-07T15:00Z', '2026-03-08T15:00Z')).toEqual([false, false]);
    // Monday 9 March 2026 is EDT (UTC−4): the same New York hours are 13:00–19:00 UTC.
    expect(
      scheduled(
        'market-hours',
        '2026-03-09T12:00Z',
        '2026-03-09T13:00Z',
        '2026-03-09T19:00Z',
        '2026-03-09T20:00Z',
      ),
    ).toEqual([false, true, true, false]);
  });

  it('schedule the New York session’s hours across the autumn change', () => {
    // Friday 30 October 2026 is EDT; Monday 2 November is EST again.
    expect(scheduled('market-hours', '2026-10-30T13:00Z', '2026-10-30T20:00Z')).toEqual([true, false]);
    expect(scheduled('market-hours', '2026-11-02T13:00Z', '2026-11-02T14:00Z', '2026-11-02T20:00Z')).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('read a cron expression in UTC: a run at 02:05 processes 01:00', () => {
    expect(scheduled('cron(5 */2 * * ? *)', '2026-03-07T01:00Z', '2026-03-07T02:00Z')).toEqual([true, false]);
    // Weekdays by name and by AWS's number (1 = Sunday): Saturday 7 March 2026.
    expect(scheduled('cron(0 12 ? * SAT *)', '2026-03-07T11:00Z', '2026-03-06T11:00Z')).toEqual([
      true,
      false,
    ]);
    expect(scheduled('cron(0 12 ? * 7 *)', '2026-03-07T11:00Z')).toEqual([true]);
    expect(scheduled('cron(0 9 1,15 JAN-MAR ? 2026)', '2026-02-15T08:00Z', '2026-04-15T08:00Z')).toEqual([
      true,
      false,
    ]);
  });

  it('count a month’s runs: 730 hourly, 152.25 for the session’s hours (seven hours of 261 weekdays)', () => {
    expect(scheduledHoursPerMonth(parseSchedule('hourly'))).toBe(730);
    expect(scheduledHoursPerMonth(parseSchedule('market-hours'))).toBe(152.25);
    expect(scheduledHoursPerMonth(parseSchedule('cron(5 */2 * * ? *)'))).toBe(365);
  });

  it('know the longest wait between scheduled hours: an hour, or a weekend the clocks go back in', () => {
    expect(longestGapHours(parseSchedule('hourly'))).toBe(1);
    // Friday 15:00 to Monday 09:00 New York is 66 hours, 67 when the weekend gains an hour (November).
    expect(longestGapHours(parseSchedule('market-hours'))).toBe(67);
  });

  it('refuse what AWS would refuse, or what stockpipe cannot read, naming the field', () => {
    expect(() => parseSchedule('weekly')).toThrow(/six fields/);
    expect(() => parseCron('cron(0 12 * * * *)')).toThrow(/exactly one of day-of-month and day-of-week/);
    expect(() => parseCron('cron(0 12 ? * ? *)')).toThrow(/exactly one/);
    expect(() => parseCron('cron(0 25 * * ? *)')).toThrow(/hours "25": expected 0–23/);
    expect(() => parseCron('cron(0 12 L * ? *)')).toThrow(/day-of-month "L".*not L, W or #/);
    expect(() => parseCron('cron(0 12 ? * MON#2 *)')).toThrow(/day-of-week "MON#2"/);
    expect(() => parseCron('cron(? 12 * * ? *)')).toThrow(/exactly one|\? only/);
  });
});

describe('nextFiring', () => {
  const at = (text: string) => new Date(text);

  it('is the schedule’s minute of the next hour it runs, strictly after the given instant', () => {
    const hourly = parseSchedule('hourly', 5);
    expect(nextFiring(hourly, at('2024-12-06T15:04:59Z'))).toEqual(at('2024-12-06T15:05Z'));
    expect(nextFiring(hourly, at('2024-12-06T15:05Z'))).toEqual(at('2024-12-06T16:05Z'));
  });

  it('follows New York for market hours: Friday’s last run, then Monday’s first, across DST', () => {
    const market = parseSchedule('market-hours', 5);
    // Friday 2024-12-06, 16:05 New York (21:05 UTC) is the last run of the week.
    expect(nextFiring(market, at('2024-12-06T21:00Z'))).toEqual(at('2024-12-06T21:05Z'));
    expect(nextFiring(market, at('2024-12-06T21:05Z'))).toEqual(at('2024-12-09T15:05Z'));
    // After the clocks change (2025-03-09), 10:05 New York is 14:05 UTC.
    expect(nextFiring(market, at('2025-03-08T00:00Z'))).toEqual(at('2025-03-10T14:05Z'));
  });

  it('fires daily tasks once a day, and never for a schedule that is off', () => {
    const daily = parseDailySchedule('03:30');
    expect(daily && nextFiring(daily, at('2024-12-06T03:30Z'))).toEqual(at('2024-12-07T03:30Z'));
    expect(parseDailySchedule('off')).toBeNull();
    expect(() => parseDailySchedule('25:00')).toThrow(/HH:MM/);
  });
});
