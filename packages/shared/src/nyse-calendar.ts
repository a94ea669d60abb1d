/** Minutes after midnight, New York time, of a trading day's open and close. */
export interface TradingHours {
  opens: number;
  closes: number;
}

const OPENS = 9 * 60 + 30;
const CLOSES = 16 * 60;
const EARLY_CLOSE = 13 * 60;

// Closures the rules do not give (NYSE notices): 9/11, days of mourning for presidents, Hurricane Sandy.
const ONE_OFF_CLOSURES = new Set([
  '2001-09-11',
  '2001-09-12',
  '2001-09-13',
  '2001-09-14',
  '2004-06-11',
  '2007-01-02',
  '2012-10-29',
  '2012-10-30',
  '2018-12-05',
  '2025-01-09',
]);

/**
 * The NYSE's regular session on a New York calendar day (`2024-11-29`), or null when it does not trade: weekends,
 * the exchange's holidays as observed (Rule 7.2: a Saturday holiday moves to Friday, a Sunday one to Monday, except
 * that New Year's Day on a Saturday is not observed), and one-off closures since 2001. It closes at 13:00 on the day
 * after Thanksgiving, and on July 3 and December 24 when they fall Monday to Thursday. Today's rules: days before
 * 2001 may differ from what the exchange did.
 */
export function nyseTradingHours(day: string): TradingHours | null {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return null;
  if (ONE_OFF_CLOSURES.has(day) || holidays(year).has(day)) return null;
  // July 3 and December 24 trade only Monday to Thursday: on a Friday they are the observed holiday.
  const earlyClose =
    (month === 11 && date === nthWeekday(year, 11, 4, 4) + 1) ||
    (month === 7 && date === 3) ||
    (month === 12 && date === 24);
  return { opens: OPENS, closes: earlyClose ? EARLY_CLOSE : CLOSES };
}

const byYear = new Map<number, Set<string>>();

/** The full-day holidays of a year, on the days they are observed. */
function holidays(year: number): Set<string> {
  const cached = byYear.get(year);
  if (cached) return cached;
  const fixed = (month: number, date: number) => observed(year, month, date);
  const days = [
    // New Year's Day on a Saturday would close the last day of the old year: the exchange keeps that day open.
    new Date(Date.UTC(year, 0, 1)).getUTCDay() === 6 ? undefined : fixed(1, 1),
    isoDay(year, 1, nthWeekday(year, 1, 1, 3)), // Martin Luther King Jr. Day
    isoDay(year, 2, nthWeekday(year, 2, 1, 3)), // Washington's Birthday
    goodFriday(year),
    isoDay(year, 5, lastWeekday(year, 5, 1)), // Memorial Day
    year >= 2022 ? fixed(6, 19) : undefined, // Juneteenth, first closed in 2022
    fixed(7, 4),
    isoDay(year, 9, nthWeekday(year, 9, 1, 1)), // Labor Day
    isoDay(year, 11, nthWeekday(year, 11, 4, 4)), // Thanksgiving
    fixed(12, 25),
  ];
  const set = new Set(days.filter((d) => d !== undefined));
  byYear.set(year, set);
  return set;
}

function observed(year: number, month: number, date: number): string {
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  const shift = weekday === 6 ? -1 : weekday === 0 ? 1 : 0;
  const at = new Date(Date.UTC(year, month - 1, date + shift));
  return isoDay(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

/** The date of the nth weekday (0 Sunday … 6 Saturday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, weekday: number): number {
  const lastDate = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month - 1, lastDate)).getUTCDay();
  return lastDate - ((last - weekday + 7) % 7);
}

/** Two days before Easter Sunday (the Gregorian computus: Meeus/Jones/Butcher). */
function goodFriday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  const friday = new Date(Date.UTC(year, month - 1, date - 2));
  return isoDay(friday.getUTCFullYear(), friday.getUTCMonth() + 1, friday.getUTCDate());
}

function isoDay(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}
