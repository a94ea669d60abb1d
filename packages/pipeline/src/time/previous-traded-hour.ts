import { sessionBefore, sessionsBetween } from '../analysis/session-hours.ts';

/** A UTC hour the NYSE trades in, and the traded hour before it on the calendar: what its change is against. */
export interface TradedHour {
  hourStart: Date;
  previousHourStart: Date;
}

/**
 * Every traded hour starting in [from, to), each with the traded hour before it: the hour before in its session,
 * or for a session's first hour the previous session's last (Friday's before Monday's, across holidays and early
 * closes as the NYSE calendar has them). The one rule of "previous close": the warehouse's view joins on it.
 */
export function tradedHoursBetween(from: Date, to: Date): TradedHour[] {
  const sessions = sessionsBetween(from.getTime(), to.getTime());
  const first = sessions[0];
  if (!first) return [];
  let previous = sessionBefore(first).hours.at(-1) as number;
  const found: TradedHour[] = [];
  for (const session of sessions) {
    for (const hour of session.hours) {
      if (hour >= from.getTime() && hour < to.getTime())
        found.push({ hourStart: new Date(hour), previousHourStart: new Date(previous) });
      previous = hour;
    }
  }
  return found;
}
