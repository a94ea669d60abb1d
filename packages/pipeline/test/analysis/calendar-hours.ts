// Every UTC hour of a real stretch of the calendar as the warehouse would hold it: traded hours with prices where
// the NYSE was in session, closed hours with sentiment only.
import { isRegularSession } from '@stockpipe/shared';
import type { AnalysisHour } from '../../src/analysis/analysis-hour.ts';

const HOUR_MS = 3_600_000;

/** A distinct price for every instant, so that a return names the two prices it came from. */
export const priceAt = (at: number): number => 100 + (at / HOUR_MS) * 0.001;

/** An hour opens a little off the last close: an in-hour return is then told from a close-to-close one. */
export const openAt = (at: number): number => priceAt(at) + 0.0005;

/** The hours from `from` to `to` (ISO instants, `to` excluded); `change` edits an hour or drops it (null). */
export function calendarHours(
  from: string,
  to: string,
  change: (hour: AnalysisHour) => AnalysisHour | null = (hour) => hour,
): AnalysisHour[] {
  const hours: AnalysisHour[] = [];
  for (let at = Date.parse(from); at < Date.parse(to); at += HOUR_MS) {
    // An hour trades when some half hour of it is in session (bars start at :30).
    const traded = isRegularSession(at) || isRegularSession(at + HOUR_MS / 2);
    const hour = change({
      hourStart: new Date(at),
      open: traded ? openAt(at) : null,
      close: traded ? priceAt(at + HOUR_MS) : null,
      marketClosed: !traded,
      sentiment: ((at / HOUR_MS) % 7) / 10 - 0.3,
      scoredCount: 5,
      postVolume: 20,
      late: false,
    });
    if (hour) hours.push(hour);
  }
  return hours;
}
