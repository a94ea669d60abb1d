import { sessionsBetween } from '../analysis/session-hours.ts';
import { DAY_MS, HOUR_MS } from '../time/hours.ts';

/**
 * How a period lies on the NYSE calendar, in indices of its hours (hour i starts at from + i h). The same for every
 * ticker, so the page carries it once.
 */
export interface SessionGrid {
  /** Per session trading in the period: its first traded hour in the period, and how many of its hours are in it. */
  sessionFirst: number[];
  sessionHours: number[];
  /**
   * Where each day of sentiment ends (exclusive); each starts where the one before ended, the first at 0. Day i is
   * session i's UTC day, with the closed days before it since the previous session's (weekends and holidays count
   * toward the next session). A last day with no session holds the closed days after the last session.
   */
  dayEnd: number[];
}

export function sessionGrid(from: Date, hourCount: number): SessionGrid {
  const start = from.getTime();
  const grid: SessionGrid = { sessionFirst: [], sessionHours: [], dayEnd: [] };
  for (const session of sessionsBetween(start, start + hourCount * HOUR_MS)) {
    const hours = session.hours
      .map((at) => (at - start) / HOUR_MS)
      .filter((index) => index >= 0 && index < hourCount);
    if (hours.length === 0) continue;
    grid.sessionFirst.push(hours[0] as number);
    grid.sessionHours.push(hours.length);
    // A session trades inside its own UTC day (13:30–21:00 UTC at the latest), so its day ends at the next midnight.
    const midnight = Math.floor(session.open / DAY_MS) * DAY_MS + DAY_MS;
    grid.dayEnd.push(Math.min(hourCount, (midnight - start) / HOUR_MS));
  }
  if ((grid.dayEnd.at(-1) ?? 0) < hourCount) grid.dayEnd.push(hourCount);
  return grid;
}
