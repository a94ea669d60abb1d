import { largest, smallest } from '../extremes.ts';
import { count } from '../format/count.ts';
import type { LedgerRecord } from '../records.ts';
import { GIVE_UP_AFTER } from '../run/catch-up-plan.ts';
import { HOUR_MS, hourKey, hourLabel } from '../time/hours.ts';

/**
 * A ticker-hour as `status` shows it. A closed market is a loaded hour, told apart for the reader; an hour the
 * schedule does not run (market hours only, say) that nothing recorded is not missing.
 */
export type CellState = 'loaded' | 'closed' | 'row_gone' | 'failed' | 'gave_up' | 'missing' | 'unscheduled';

export interface StatusCell {
  ticker: string;
  hourStart: Date;
  state: CellState;
  record: LedgerRecord | undefined;
}

const SYMBOLS: Record<CellState, string> = {
  loaded: '✓',
  closed: 'c',
  row_gone: '?',
  failed: '✗',
  gave_up: '!',
  missing: '·',
  unscheduled: ' ',
};

/** Every ticker-hour of the period, by ticker then hour, with its state from the ledger and the schedule. */
export function statusCells(
  tickers: readonly string[],
  hours: readonly Date[],
  ledger: readonly LedgerRecord[],
  isScheduled: (hour: Date) => boolean = () => true,
): StatusCell[] {
  const records = new Map(ledger.map((r) => [`${r.ticker}|${r.hourStart.getTime()}`, r]));
  return tickers.flatMap((ticker) =>
    hours.map((hourStart) => {
      const record = records.get(`${ticker}|${hourStart.getTime()}`);
      const state = !record && !isScheduled(hourStart) ? 'unscheduled' : stateOf(record);
      return { ticker, hourStart, state, record };
    }),
  );
}

function stateOf(record: LedgerRecord | undefined): CellState {
  if (!record) return 'missing';
  // The ledger is what the job did; the row is what is there now: deleted by hand, it is not loaded.
  if (record.state === 'loaded')
    return record.rowGone ? 'row_gone' : record.marketClosed ? 'closed' : 'loaded';
  return record.failures >= GIVE_UP_AFTER ? 'gave_up' : 'failed';
}

/** `--json`: one object per ticker-hour. */
export function cellJson({ ticker, hourStart, state, record }: StatusCell): Record<string, unknown> {
  const base = { ticker, hour: hourStart.toISOString() };
  if (state === 'missing' || state === 'unscheduled') return { ...base, state };
  if (state === 'row_gone') return { ...base, state, attempts: record?.attempts, run_id: record?.runId };
  if (state === 'loaded' || state === 'closed')
    return {
      ...base,
      state: 'loaded',
      market_closed: state === 'closed',
      attempts: record?.attempts,
      source: record?.source ?? 'unknown',
    };
  return { ...base, state, stage: record?.stage, reason: record?.reason, attempts: record?.attempts };
}

/**
 * The grid: a block per UTC day, a line per ticker, a character per hour, marks every 6 hours. Below it, what
 * failed and why, and the commands that would repair it.
 */
export function renderStatus(
  tickers: readonly string[],
  hours: readonly Date[],
  cells: readonly StatusCell[],
): string {
  const width = Math.max(10, largest(tickers.map((t) => t.length))) + 2; // room for the day's date
  const byKey = new Map(cells.map((c) => [`${c.ticker}|${c.hourStart.getTime()}`, c]));
  const days = Map.groupBy(hours, (h) => hourKey(h).slice(0, 10));
  const blocks = [...days].map(([day, dayHours]) => {
    const first = (dayHours[0] as Date).getUTCHours();
    const ruler = `${day.padEnd(width)}${' '.repeat(first)}${hourMarks(first, dayHours.length)}`.trimEnd();
    const lines = tickers.map(
      (ticker) =>
        `${ticker.padEnd(width)}${' '.repeat(first)}${dayHours.map((h) => SYMBOLS[byKey.get(`${ticker}|${h.getTime()}`)?.state ?? 'missing']).join('')}`,
    );
    return [ruler, ...lines].join('\n');
  });
  const legend =
    `${SYMBOLS.loaded} loaded  ${SYMBOLS.closed} market closed  ${SYMBOLS.row_gone} loaded but row gone  ${SYMBOLS.failed} failed  ${SYMBOLS.gave_up} gave up (failed ${GIVE_UP_AFTER} times)  ${SYMBOLS.missing} missing` +
    (cells.some((c) => c.state === 'unscheduled') ? '  (blank: not on the schedule)' : '');
  return [...blocks, legend, sourcesLine(cells), ...problems(cells)].join('\n\n').concat('\n');
}

/** What the loaded rows were made from: sample and live rows in one warehouse are told apart here. */
function sourcesLine(cells: readonly StatusCell[]): string {
  const rows = cells.filter((c) => c.state === 'loaded' || c.state === 'closed');
  const of = (source: string | null) => rows.filter((c) => (c.record?.source ?? null) === source).length;
  const parts = [
    [of('live'), 'live'],
    [of('sample'), 'sample'],
    [of(null), 'source unknown (loaded before migration 0011)'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return `Rows: ${said.length > 0 ? said.join(', ') : 'none'}${of('sample') > 0 ? ' (sample rows are made-up data)' : ''}`;
}

// 00, 06, 12 and 18 written over the first of their hours.
function hourMarks(first: number, count: number): string {
  const ruler = Array.from({ length: count + 1 }, () => ' ');
  for (let i = 0; i < count; i++) {
    const hour = first + i;
    if (hour % 6 !== 0) continue;
    const [tens, ones] = String(hour).padStart(2, '0');
    ruler[i] = tens as string;
    ruler[i + 1] = ones as string;
  }
  return ruler.join('');
}

function problems(cells: readonly StatusCell[]): string[] {
  const failed = cells.filter((c) => c.state === 'failed' || c.state === 'gave_up');
  const missing = cells.filter((c) => c.state === 'missing');
  const gone = cells.filter((c) => c.state === 'row_gone');
  if (cells.every((c) => c.state === 'unscheduled')) return ['No hour of this range is on the schedule.'];
  if (failed.length + missing.length + gone.length === 0) return ['Every ticker-hour is loaded.'];
  const lines = failed.map(
    ({ ticker, hourStart, state, record }) =>
      `  ${ticker} ${hourLabel(hourStart)} ${state === 'gave_up' ? 'gave up' : 'failed'} at ${record?.stage}: ${record?.reason} (${count(record?.attempts ?? 0, 'attempt')})`,
  );
  const sections: string[] = [];
  if (lines.length > 0) sections.push(`Failures:\n${lines.join('\n')}`);
  if (missing.length > 0) sections.push(`Missing: ${count(missing.length, 'ticker-hour')} never attempted.`);
  if (gone.length > 0) {
    sections.push(
      `Row gone: ${count(gone.length, 'ticker-hour')} the ledger says loaded but stock_performance has no row for (deleted outside the job).`,
    );
  }
  sections.push(
    `To repair:\n${repairCommands(cells)
      .map((c) => `  ${c}`)
      .join('\n')}`,
  );
  return sections;
}

/** The backfills that would load what failed or is missing (gave-up hours need --retry-failed). */
export function repairCommands(cells: readonly StatusCell[]): string[] {
  const command = (todo: readonly StatusCell[], flag: string) => {
    const times = todo.map((c) => c.hourStart.getTime());
    const tickers = [...new Set(todo.map((c) => c.ticker))].join(',');
    const at = (t: number) => `${hourLabel(new Date(t))}`;
    return `stockpipe backfill --from ${at(smallest(times))} --to ${at(largest(times))} --watchlist ${tickers}${flag}`;
  };
  const retry = cells.filter((c) => c.state === 'failed' || c.state === 'missing' || c.state === 'row_gone');
  const gaveUp = cells.filter((c) => c.state === 'gave_up');
  return [
    ...(retry.length > 0 ? [command(retry, '')] : []),
    ...(gaveUp.length > 0 ? [command(gaveUp, ' --retry-failed')] : []),
  ];
}

export const hoursBetween = (from: Date, to: Date): Date[] =>
  Array.from(
    { length: (to.getTime() - from.getTime()) / HOUR_MS + 1 },
    (_, i) => new Date(from.getTime() + i * HOUR_MS),
  );
