import { ConfigError } from '@stockpipe/shared';

/** One logical hour, the unit of every run: [start, start + 1h) in UTC. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function floorToHour(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

/** The UTC day before the one `now` is in, at 00:00Z: the last whole day. */
export function previousUtcDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - DAY_MS);
}

/** The last hour that has fully ended at `now`: a run never reads an hour still being written. */
export function lastCompleteHour(now: Date): Date {
  return new Date(floorToHour(now).getTime() - HOUR_MS);
}

/** The `count` complete hours ending with the last complete one, oldest first. */
export function recentHours(now: Date, count: number): Date[] {
  const last = lastCompleteHour(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * HOUR_MS));
}

/** `2026-11-28T16`: the hour's part of raw-store keys and document keys. */
export function hourKey(hourStart: Date): string {
  return hourStart.toISOString().slice(0, 13);
}

/** `2026-11-28T16:00Z`: an hour as people read it and type it back (every message and flag example). */
export function hourLabel(hourStart: Date): string {
  return `${hourKey(hourStart)}:00Z`;
}

// 2024-12-07T21, 2024-12-07T21Z, 2024-12-07T21:00Z, 2024-12-07T21:00:00.000Z (UTC only: a run's hour is a UTC hour).
const HOUR_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::00(?::00(?:\.0+)?)?)?Z?$/;

/** The first year an hour may be in: X's. */
const FIRST_YEAR = 2006;

/** Parses `--hour`: a whole UTC hour that has already ended at `now`. */
export function parseHour(text: string, now: Date, flag = '--hour'): Date {
  const expected = 'a whole UTC hour such as 2024-12-07T21:00Z';
  const match = HOUR_PATTERN.exec(text.trim());
  if (!match) throw new ConfigError([`${flag}: expected ${expected}, got "${text}"`]);
  const [, y, mo, d, h] = match.map(Number) as [number, number, number, number, number];
  // Date.UTC reads years 0–99 as 1900–1999; no hour before X began holds a post anyway.
  if (y < FIRST_YEAR) {
    throw new ConfigError([
      `${flag}: expected an hour from ${FIRST_YEAR} on (X began in ${FIRST_YEAR}), got "${text}"`,
    ]);
  }
  const hour = new Date(Date.UTC(y, mo - 1, d, h));
  if (hour.getUTCMonth() !== mo - 1 || hour.getUTCDate() !== d || h > 23) {
    throw new ConfigError([`${flag}: "${text}" is not a real date and hour; expected ${expected}`]);
  }
  if (hour.getTime() + HOUR_MS > now.getTime()) {
    throw new ConfigError([`${flag}: ${hourLabel(hour)} has not ended yet; expected a complete hour`]);
  }
  return hour;
}

/** The `count` hours ending with `until` (a `--hour`-style text), or with the last complete hour when none is given. */
export function hoursUpTo(until: string | undefined, count: number, now: Date): Date[] {
  return recentHours(
    until !== undefined ? new Date(parseHour(until, now, '--until').getTime() + HOUR_MS) : now,
    count,
  );
}
