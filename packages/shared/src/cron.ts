/**
 * AWS's six-field cron (`cron(minutes hours day-of-month month day-of-week year)`, as EventBridge Scheduler takes
 * it), read into the values each field allows, so the job can tell which hours a schedule runs in. `L`, `W` and `#`
 * are refused: write the days out.
 */
export interface Cron {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** Null when the field is `?`: the days come from the other field. */
  readonly daysOfMonth: ReadonlySet<number> | null;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday, as AWS counts; null when `?`. */
  readonly daysOfWeek: ReadonlySet<number> | null;
  readonly years: ReadonlySet<number>;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: string[];
}
const FIELDS: FieldRule[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  { name: 'year', min: 1970, max: 2199 },
];

/** Reads `cron(…)`; throws an Error naming the field that is wrong and what it expected. */
export function parseCron(text: string): Cron {
  const inner = /^cron\((.*)\)$/.exec(text.trim())?.[1];
  const parts = inner?.trim().split(/\s+/) ?? [];
  if (parts.length !== 6)
    throw new Error(
      'a cron expression of six fields: cron(minutes hours day-of-month month day-of-week year)',
    );
  const field = (i: number) => readField(parts[i] as string, FIELDS[i] as FieldRule);
  const [minutes, hours, daysOfMonth, months, daysOfWeek, years] = [0, 1, 2, 3, 4, 5].map(
    field,
  ) as (Set<number> | null)[];
  if ((daysOfMonth === null) === (daysOfWeek === null))
    throw new Error('a cron expression with ? in exactly one of day-of-month and day-of-week');
  if (!minutes || !hours || !months || !years) throw new Error('? only in day-of-month or day-of-week');
  return {
    minutes,
    hours,
    daysOfMonth: daysOfMonth ?? null,
    months,
    daysOfWeek: daysOfWeek ?? null,
    years,
  };
}

function readField(text: string, rule: FieldRule): Set<number> | null {
  if (text === '?') return null;
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw bad(rule, item);
    const [from, to] =
      range === '*'
        ? [rule.min, rule.max]
        : range.includes('-')
          ? (range.split('-').map((v) => value(v, rule, item)) as [number, number])
          : [value(range, rule, item), stepText === undefined ? value(range, rule, item) : rule.max];
    if (from > to) throw bad(rule, item);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(text: string, rule: FieldRule, item: string): number {
  const named = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= rule.min && n <= rule.max)) throw bad(rule, item);
  return n;
}

function bad(rule: FieldRule, item: string): Error {
  const names = rule.names ? ` or ${rule.names[0]}–${rule.names.at(-1)}` : '';
  return new Error(
    `cron ${rule.name} "${item}": expected ${rule.min}–${rule.max}${names}, ranges, lists and /steps (not L, W or #)`,
  );
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Whether the cron fires at some minute of the clock hour that starts at `hourStart`, read in `timeZone`. */
export function cronFiresInHour(cron: Cron, hourStart: Date, timeZone: string): boolean {
  const t = localTime(hourStart, timeZone);
  const day =
    cron.daysOfMonth === null ? cron.daysOfWeek?.has(t.weekday) : cron.daysOfMonth.has(t.dayOfMonth);
  return Boolean(day) && cron.hours.has(t.hour) && cron.months.has(t.month) && cron.years.has(t.year);
}

function localTime(at: Date, timeZone: string) {
  if (timeZone === 'UTC') {
    return {
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      dayOfMonth: at.getUTCDate(),
      weekday: at.getUTCDay() + 1,
      hour: at.getUTCHours(),
    };
  }
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  const parts = Object.fromEntries(clock.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    dayOfMonth: Number(parts.day),
    weekday: DAYS.indexOf(String(parts.weekday).toUpperCase()) + 1,
    hour: Number(parts.hour),
  };
}
