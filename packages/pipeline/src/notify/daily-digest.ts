import { largest } from '../extremes.ts';
import { count } from '../format/count.ts';
import type { DigestNotice } from '../ports.ts';
import type { StoredRow } from '../records.ts';
import type { StatusCell } from '../status/grid.ts';
import { DAY_MS, HOUR_MS, hourLabel } from '../time/hours.ts';
import { tradedHoursBetween } from '../time/previous-traded-hour.ts';

export interface DigestInput {
  /** The UTC day digested, at 00:00Z. */
  day: Date;
  tickers: readonly string[];
  /** The schedule's name (`hourly`, `market-hours`, a cron), for the reader. */
  scheduleText: string;
  /** Every ticker-hour of the day's scheduled hours, with its state from the ledger. */
  cells: readonly StatusCell[];
  /** The rows of the day's scheduled hours, by ticker then hour. */
  rows: readonly StoredRow[];
}

const MOVES = 5;
const PROBLEMS = 10;
/** An hour of one or two scored posts swings on a single post: moves count hours with at least this many. */
const MIN_SCORED = 3;

/**
 * One email a day for a quiet inbox (the hourly reports reach email only when they fail): per ticker the hours
 * loaded, failed and missing, posts, the day's mean sentiment and close with its change; what failed and why; the biggest
 * hour-on-hour sentiment moves. Pure: the warehouse's rows and ledger in, the message out.
 */
export function composeDigest({ day, tickers, scheduleText, cells, rows }: DigestInput): DigestNotice {
  const date = day.toISOString().slice(0, 10);
  const loaded = cells.filter((c) => c.state === 'loaded' || c.state === 'closed').length;
  const failed = cells.filter((c) => c.state === 'failed' || c.state === 'gave_up').length;
  const missing = cells.length - loaded - failed;
  const subject =
    `stockpipe digest ${date}: ${loaded}/${count(cells.length, 'ticker-hour')} loaded` +
    (failed ? `, ${failed} failed` : '') +
    (missing ? `, ${missing} missing` : '');
  const hours = tickers.length ? cells.length / tickers.length : 0;
  // What failed first (with why), then what no run recorded.
  const problems = [
    ...cells.filter((c) => c.state === 'failed' || c.state === 'gave_up'),
    ...cells.filter((c) => c.state === 'missing'),
  ];
  const moves = sentimentMoves(rows);
  const message = [
    `stockpipe digest for ${date} (UTC), schedule ${scheduleText}: ${count(hours, 'scheduled hour')} × ${count(tickers.length, 'ticker')}`,
    '',
    ...table(day, tickers, cells, rows),
    '',
    problems.length === 0
      ? 'Nothing failed or is missing.'
      : `Failed or missing (${problems.length}${problems.length > PROBLEMS ? `, the first ${PROBLEMS}, failures first` : ''}; \`stockpipe status\` shows how to repair them):`,
    ...problems.slice(0, PROBLEMS).map(problemLine),
    '',
    moves.length === 0
      ? `No sentiment moves: no two consecutive hours of a ticker had ${MIN_SCORED} scored posts or more each.`
      : `Biggest sentiment moves, hour on hour (hours of ${MIN_SCORED} scored posts or more):`,
    ...moves.slice(0, MOVES).map(moveLine),
  ].join('\n');
  return { status: 'digest', subject, message };
}

function table(
  day: Date,
  tickers: readonly string[],
  cells: readonly StatusCell[],
  rows: readonly StoredRow[],
): string[] {
  const header = ['ticker', 'loaded', 'failed', 'missing', 'posts', 'sentiment', 'price (day)'];
  const lines = tickers.map((ticker) => {
    const own = cells.filter((c) => c.ticker === ticker);
    const mine = rows.filter((r) => r.ticker === ticker);
    const of = (...states: StatusCell['state'][]) =>
      String(own.filter((c) => states.includes(c.state)).length);
    return [
      ticker,
      of('loaded', 'closed'),
      of('failed', 'gave_up'),
      of('missing'),
      String(mine.reduce((sum, r) => sum + r.postCount, 0)),
      meanSentiment(mine),
      dayMove(day, mine),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, largest(lines.map((l) => (l[i] ?? '').length))));
  return [header, ...lines].map((cols) =>
    cols
      .map((col, i) => col.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** The day's sentiment, each hour weighted by its scored posts; `–` when none were scored. */
function meanSentiment(rows: readonly StoredRow[]): string {
  const scored = rows.filter((r) => r.sentimentScore !== null && r.scoredCount > 0);
  const weight = scored.reduce((sum, r) => sum + r.scoredCount, 0);
  if (weight === 0) return '–';
  return signed(scored.reduce((sum, r) => sum + (r.sentimentScore ?? 0) * r.scoredCount, 0) / weight);
}

/**
 * The day's change by the hours' rule: the last close against the previous close of the session's first hour (the
 * previous trading day's last, from the warehouse). Unknown when that hour, or the one before it, is not loaded:
 * never against an older close, nor against the day's open. `closed` when the calendar has no session that day.
 */
function dayMove(day: Date, rows: readonly StoredRow[]): string {
  const traded = rows.filter((r) => !r.marketClosed && r.close !== null);
  const last = traded.at(-1)?.close;
  const opening = tradedHoursBetween(day, new Date(day.getTime() + DAY_MS))[0];
  // Closed is the calendar's word, not the rows': a trading day with no traded hour loaded is unknown.
  if (last == null) return opening ? 'no traded hour loaded' : 'closed';
  const first = traded[0];
  const previous = first?.hourStart.getTime() === opening?.hourStart.getTime() ? first?.previousClose : null;
  if (previous == null) return `${last.toFixed(2)} (change unknown)`;
  return `${previous.toFixed(2)} → ${last.toFixed(2)} (${signed((last / previous - 1) * 100, 2)}%)`;
}

interface Move {
  ticker: string;
  hourStart: Date;
  from: number;
  to: number;
  posts: number;
}

/** Consecutive hours of one ticker, both with a score, by the size of the change, largest first. */
function sentimentMoves(rows: readonly StoredRow[]): Move[] {
  const moves: Move[] = [];
  for (let i = 1; i < rows.length; i++) {
    const before = rows[i - 1];
    const row = rows[i];
    if (!before || !row || before.ticker !== row.ticker) continue;
    if (row.hourStart.getTime() - before.hourStart.getTime() !== HOUR_MS) continue;
    if (before.sentimentScore === null || row.sentimentScore === null) continue;
    if (before.scoredCount < MIN_SCORED || row.scoredCount < MIN_SCORED) continue;
    moves.push({
      ticker: row.ticker,
      hourStart: row.hourStart,
      from: before.sentimentScore,
      to: row.sentimentScore,
      posts: row.scoredCount,
    });
  }
  return moves.sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from));
}

function moveLine(m: Move): string {
  return `  ${m.ticker} ${hourLabel(m.hourStart)}  ${signed(m.from)} → ${signed(m.to)} (${signed(m.to - m.from)}), ${count(m.posts, 'scored post')}`;
}

function problemLine({ ticker, hourStart, state, record }: StatusCell): string {
  const at = `${ticker} ${hourLabel(hourStart)}`;
  if (state === 'missing') return `  ${at} missing: no run recorded it`;
  return `  ${at} ${state === 'gave_up' ? 'gave up' : 'failed'} at ${record?.stage}: ${record?.reason}`;
}

function signed(n: number, digits = 3): string {
  return `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`;
}
