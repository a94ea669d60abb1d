import { nyseTradingHours } from './nyse-calendar.ts';

const HOUR_MS = 3_600_000;
const HALF_HOUR_MS = HOUR_MS / 2;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

// The US equity session (NYSE/Nasdaq regular hours), for sample bars and for telling a closed hour.
const newYorkClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** One trading day: its New York date, and the instants (ms) its regular session opens and closes. */
export interface Session {
  day: string;
  open: number;
  close: number;
}

/** True when a US equity trades at this instant: the NYSE's regular session, holidays and early closes included. */
export function isRegularSession(at: number): boolean {
  const { day, minutes } = newYork(at);
  const hours = nyseTradingHours(day);
  return hours !== null && minutes >= hours.opens && minutes < hours.closes;
}

/** The 30-minute bar starts of the regular session in [from, to). */
export function sessionBarStarts(from: number, to: number): number[] {
  const starts: number[] = [];
  for (let at = Math.ceil(from / HALF_HOUR_MS) * HALF_HOUR_MS; at < to; at += HALF_HOUR_MS) {
    if (isRegularSession(at)) starts.push(at);
  }
  return starts;
}

/** The last session that opened at or before `at` (it may still be open). */
export function sessionAtOrBefore(at: number): Session {
  const { day } = newYork(at);
  const today = sessionOn(day);
  return today && today.open <= at ? today : previousSession(day);
}

/** The last session on a New York day before `day` (`2024-12-09` → Friday 2024-12-06's). */
export function previousSession(day: string): Session {
  let noon = Date.parse(`${day}T12:00Z`);
  // Two weeks back covers every gap the calendar has; the longest, after 9/11, is a week.
  for (let step = 0; step < 14; step++) {
    noon -= DAY_MS;
    const session = sessionOn(new Date(noon).toISOString().slice(0, 10));
    if (session) return session;
  }
  throw new Error(`no trading day in the two weeks before ${day}`);
}

/** The last hour, at or before `hour`, in which the US market traded: where a closed-hours demo can look. */
export function lastTradingHour(hour: Date): Date {
  for (let at = hour.getTime(), steps = 0; steps < 24 * 7; at -= HOUR_MS, steps++) {
    if (isRegularSession(at) || isRegularSession(at + HALF_HOUR_MS)) return new Date(at);
  }
  return hour;
}

// Sample prices ask for the same few days over and over; finding their instants takes several clock readings.
const sessions = new Map<string, Session | null>();

function sessionOn(day: string): Session | undefined {
  let session = sessions.get(day);
  if (session === undefined) {
    const hours = nyseTradingHours(day);
    session = hours && {
      day,
      open: newYorkInstant(day, hours.opens),
      close: newYorkInstant(day, hours.closes),
    };
    sessions.set(day, session);
  }
  return session ?? undefined;
}

function newYork(at: number): { day: string; minutes: number } {
  const p = Object.fromEntries(newYorkClock.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** The instant a New York wall clock shows `minutes` after midnight of `day` (in session hours, far from a DST change). */
function newYorkInstant(day: string, minutes: number): number {
  const asIfUtc = Date.parse(`${day}T00:00Z`) + minutes * MINUTE_MS;
  // New York is 4 or 5 hours behind UTC: try both, keep the one whose wall clock matches.
  for (const hoursBehind of [5, 4]) {
    const at = asIfUtc + hoursBehind * HOUR_MS;
    const shown = newYork(at);
    if (shown.day === day && shown.minutes === minutes) return at;
  }
  throw new Error(`no New York instant shows ${day} at minute ${minutes}`);
}
