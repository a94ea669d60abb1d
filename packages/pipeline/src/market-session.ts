import { HOUR_MS } from '@stockpipe/shared';

const HALF_HOUR_MS = HOUR_MS / 2;

// The US equity session (NYSE/Nasdaq regular hours), for sample bars and for telling a closed hour.
const newYorkClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** True when a US equity trades at this instant: 09:30–16:00 New York time on weekdays (holidays ignored). */
export function isRegularSession(at: number): boolean {
  const parts = Object.fromEntries(newYorkClock.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  if (parts.weekday === 'Sat' || parts.weekday === 'Sun') return false;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  return minutes >= 9 * 60 + 30 && minutes < 16 * 60;
}

/** The 30-minute bar starts of the regular session in [from, to). */
export function sessionBarStarts(from: number, to: number): number[] {
  const starts: number[] = [];
  for (let at = Math.ceil(from / HALF_HOUR_MS) * HALF_HOUR_MS; at < to; at += HALF_HOUR_MS) {
    if (isRegularSession(at)) starts.push(at);
  }
  return starts;
}

/** The last hour, at or before `hour`, in which the US market traded: where a closed-hours demo can look. */
export function lastTradingHour(hour: Date): Date {
  for (let at = hour.getTime(), steps = 0; steps < 24 * 7; at -= HOUR_MS, steps++) {
    if (isRegularSession(at) || isRegularSession(at + HALF_HOUR_MS)) return new Date(at);
  }
  return hour;
}
