import { ConfigError } from '@stockpipe/shared';
import { MAX_REPORT_HOURS } from '../cli/flags.ts';
import { HOUR_MS, lastCompleteHour, parseHour } from '../time/hours.ts';

/** The periods the page offers, by name: `--range` on the command line, `?range=` where the page is served. */
export const RANGES = { '24h': 24, week: 7 * 24, month: 30 * 24, all: null } as const;
export type RangeName = keyof typeof RANGES;
export const RANGE_NAMES = Object.keys(RANGES) as RangeName[];

/** Up to this many hours a chart shows clock time; past it, traded hours side by side and sentiment by day. */
const HOURLY_VIEW_MAX_HOURS = 72;
/**
 * Up to this many hours (a month and a day) each panel carries every hour, for the day picker; past it only the
 * days, so a year of 500 tickers stays a page a browser opens (see bench/dashboard.bench.ts).
 */
export const HOURLY_DETAIL_MAX_HOURS = 31 * 24;

export type DashboardView = 'hours' | 'sessions';

export function viewOf(hourCount: number): DashboardView {
  return hourCount <= HOURLY_VIEW_MAX_HOURS ? 'hours' : 'sessions';
}

/**
 * How many of the most engaged posts a panel shows: the period's top ten in the hourly view; in the sessions view at
 * most three a day and twelve in all, so a year's table is as long as a week's.
 */
export function topPostLimits(view: DashboardView): { perTicker: number; perDay: number | null } {
  return view === 'hours' ? { perTicker: 10, perDay: null } : { perTicker: 12, perDay: 3 };
}

/** A range's name as typed; `where` names the flag or parameter in the message. */
export function parseRange(text: string, where = '--range'): RangeName {
  if (Object.hasOwn(RANGES, text)) return text as RangeName;
  throw new ConfigError([`${where}: expected one of ${RANGE_NAMES.join(', ')}, got "${text}"`]);
}

/** What a page shows: a named range or a count of hours, ending with `until` (default: the last complete hour). */
export interface PeriodChoice {
  range?: RangeName;
  hours?: number;
  until?: string;
}

/** The named range a choice is, for the chooser: none for a count of hours; the last 24 hours when nothing is given. */
export function rangeOf(choice: PeriodChoice): RangeName | null {
  return choice.range ?? (choice.hours === undefined ? '24h' : null);
}

/**
 * The hours of the period, oldest first. `all` starts at `firstRecorded` (the warehouse's first hour; none: the
 * last hour alone). A count of hours and a range exclude each other, as `--hours` and `--range` do.
 */
export function periodHours(choice: PeriodChoice, now: Date, firstRecorded: Date | null = null): Date[] {
  if (choice.range !== undefined && choice.hours !== undefined)
    throw new ConfigError([`--range ${choice.range} and --hours ${choice.hours}: give one of them`]);
  const last = choice.until === undefined ? lastCompleteHour(now) : parseHour(choice.until, now, '--until');
  const count =
    choice.hours ??
    RANGES[choice.range ?? '24h'] ??
    (firstRecorded && firstRecorded < last ? (last.getTime() - firstRecorded.getTime()) / HOUR_MS + 1 : 1);
  return Array.from({ length: count }, (_, i) => new Date(last.getTime() - (count - 1 - i) * HOUR_MS));
}

/**
 * The period a served page's query asks for, as the flags do: `?range=week`, `?hours=72&until=2024-12-09T23:00Z`
 * (the page's day picker links so); nothing given is the last 24 hours. Bad values are a ConfigError naming the
 * parameter; `periodHours` checks `until`.
 */
export function periodFromQuery(query: URLSearchParams): PeriodChoice {
  const range = query.get('range');
  const hours = query.get('hours');
  const until = query.get('until');
  return {
    ...(range === null ? {} : { range: parseRange(range, 'range') }),
    ...(hours === null ? {} : { hours: parseHourCount(hours, 'hours') }),
    ...(until === null ? {} : { until }),
  };
}

/** A count of hours as typed, as `--hours` takes it (`--range all` goes further); `where` names the parameter. */
function parseHourCount(text: string, where = '--hours'): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_REPORT_HOURS)
    throw new ConfigError([
      `${where}: expected a whole number of hours from 1 to ${MAX_REPORT_HOURS}, got "${text}"`,
    ]);
  return n;
}
