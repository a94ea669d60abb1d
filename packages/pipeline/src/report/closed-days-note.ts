import { nyseTradingHours } from '@stockpipe/shared';

const newYorkDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });
const weekdayName = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long' });

/**
 * A line for a view whose hours take in a day the US market did not trade (a weekend, a holiday): its hours have
 * posts and sentiment but no price, which looks empty or broken unless said. Undefined when every day traded.
 */
export function closedDaysNote(hours: readonly Date[]): string | undefined {
  const days = [...new Set(hours.map((hour) => newYorkDay.format(hour)))];
  const closed = days.filter((day) => nyseTradingHours(day) === null);
  if (closed.length === 0) return undefined;
  const named = closed.map((day) => {
    const weekday = weekdayName.format(new Date(`${day}T12:00Z`));
    const why = weekday === 'Saturday' || weekday === 'Sunday' ? 'weekend' : 'holiday';
    return `${weekday} ${day} (${why})`;
  });
  return `The US market was closed on ${named.join(', ')}: those hours have posts and sentiment, but no price.`;
}
