import { nyseTradingHours } from '@stockpipe/shared';
import { count } from '../format/count.ts';

const newYorkDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });
const weekdayName = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long' });

// Beyond a few days (a month's or a year's view), the days are counted and only the holidays named: a line, not a
// list of every weekend.
const NAMED_DAYS = 3;
const NAMED_HOLIDAYS = 5;

/**
 * A line for a view whose hours take in a day the US market did not trade (a weekend, a holiday): its hours have
 * posts and sentiment but no price, which looks empty or broken unless said. Undefined when every day traded.
 */
export function closedDaysNote(hours: readonly Date[]): string | undefined {
  const days = [...new Set(hours.map((hour) => newYorkDay.format(hour)))];
  const closed = days
    .filter((day) => nyseTradingHours(day) === null)
    .map((day) => {
      const weekday = weekdayName.format(new Date(`${day}T12:00Z`));
      const weekend = weekday === 'Saturday' || weekday === 'Sunday';
      return { named: `${weekday} ${day}`, weekend };
    });
  if (closed.length === 0) return undefined;
  const tail = ': those hours have posts and sentiment, but no price.';
  if (closed.length <= NAMED_DAYS) {
    const named = closed.map((d) => `${d.named} (${d.weekend ? 'weekend' : 'holiday'})`);
    return `The US market was closed on ${named.join(', ')}${tail}`;
  }
  const holidays = closed.filter((d) => !d.weekend).map((d) => d.named);
  if (holidays.length === 0)
    return `The US market was closed on ${closed.length} weekend days in this view${tail}`;
  const more = holidays.length > NAMED_HOLIDAYS ? ` and ${holidays.length - NAMED_HOLIDAYS} more` : '';
  const kinds = [
    ...(holidays.length < closed.length ? [count(closed.length - holidays.length, 'weekend day')] : []),
    `${count(holidays.length, 'holiday')}: ${holidays.slice(0, NAMED_HOLIDAYS).join(', ')}${more}`,
  ];
  return `The US market was closed on ${closed.length} New York days in this view (${kinds.join('; ')})${tail}`;
}
