import { largest } from '../extremes.ts';
import type { StoredRow } from '../records.ts';
import { hourKey } from '../time/hours.ts';

const HEADERS = ['hour (UTC)', 'posts', 'scored', 'sentiment', 'label', 'close', 'change %'];

/** A readable table of one ticker's hours: what `pnpm demo` prints. */
export function formatHourTable(ticker: string, rows: readonly StoredRow[]): string {
  const lines = rows.map((row) => [
    `${hourKey(row.hourStart).replace('T', ' ')}:00`,
    String(row.postCount),
    String(row.scoredCount),
    row.sentimentScore === null ? '–' : signed(row.sentimentScore, 3),
    row.sentimentLabel?.toLowerCase() ?? '–',
    row.close === null ? 'closed' : row.close.toFixed(2),
    changePercent(row),
  ]);
  const widths = HEADERS.map((h, c) => Math.max(h.length, largest(lines.map((l) => (l[c] ?? '').length))));
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [ticker, render(HEADERS), rule, ...lines.map(render)].join('\n');
}

/** Change against the previous close (computed in SQL), for the table; blank when there is none. */
export function changePercent(row: Pick<StoredRow, 'changePct'>): string {
  return row.changePct === null ? '' : signed(row.changePct, 2);
}

function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return value > 0 ? `+${text}` : text;
}
