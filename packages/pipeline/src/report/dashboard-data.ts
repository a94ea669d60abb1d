import type { LedgerRecord, SentimentLabel, StoredRow, TopPost } from '../records.ts';
import { labelOfScore, NEUTRAL_BAND } from '../stages/score-label.ts';
import { type CellState, statusCells } from '../status/grid.ts';
import { DAY_MS, HOUR_MS, hourKey } from '../time/hours.ts';
import { type DashboardView, HOURLY_DETAIL_MAX_HOURS, type RangeName, viewOf } from './dashboard-range.ts';
import { daySentiment } from './day-sentiment.ts';
import { type SessionGrid, sessionGrid } from './session-grid.ts';

/** How many of the page's rows each source made (migration 0011): the page says "sample data" from the rows. */
export interface RowSources {
  sample: number;
  live: number;
  /** Rows loaded before the warehouse recorded a source. */
  unknown: number;
}

/** The rows' sources added to `into` (a page counts its rows a batch at a time). */
export function countSources(
  rows: readonly StoredRow[],
  into: RowSources = { sample: 0, live: 0, unknown: 0 },
): RowSources {
  for (const row of rows) into[row.source ?? 'unknown'] += 1;
  return into;
}

/** One character per hour: a row that traded, a row with the market closed, or no row at all. */
const HOUR_STATE = { traded: 't', closed: 'c', missing: 'm' } as const;
/** One character per ledger cell, as `stockpipe status` names them. */
const LEDGER_CODE: Record<CellState, string> = {
  loaded: 'l',
  closed: 'c',
  // The page has no row for it: missing, as a backfill would see it.
  row_gone: 'm',
  failed: 'f',
  gave_up: 'g',
  missing: 'm',
  unscheduled: 'u',
};
// A day's cell shows its worst hour.
const WORST_FIRST: readonly CellState[] = [
  'gave_up',
  'failed',
  'missing',
  'row_gone',
  'loaded',
  'closed',
  'unscheduled',
];

/** Every hour of the period, by index: hour i starts at `from` + i h. Values are rounded for the page. */
interface HourSeries {
  sentiment: (number | null)[];
  posts: (number | null)[];
  state: string;
}

/** Sentiment per day of the grid (`SessionGrid.dayEnd`), each the engagement-weighted mean of its hours. */
interface DaySeries {
  score: (number | null)[];
  /** Null for a day with no hour loaded: unknown, not zero. */
  posts: (number | null)[];
  /**
   * Posts over the UTC days the day covers (three for a Monday holding its weekend), to one decimal: the bars'
   * height, so a day that holds a weekend does not look three times as talked about.
   */
  postsPerDay: (number | null)[];
  scored: number[];
  unweighted: number[];
}

export interface TopPostRow {
  hour: string;
  text: string;
  likes: number;
  reposts: number;
  replies: number;
  /** Follows `score` by the hour's band: the scorer's own most probable class can contradict it. */
  label: SentimentLabel | null;
  score: number | null;
}

export interface TickerPanel {
  ticker: string;
  /** The close of each traded hour of the grid's sessions, in order (null where none was loaded). */
  close: (number | null)[];
  /** Every hour: the hourly chart, and the day picker up to a month; null past that. */
  hours: HourSeries | null;
  /** The sessions view's days; null in the hourly view. */
  days: DaySeries | null;
  /** The ledger, a cell per hour (hourly view) or per UTC day (sessions view, the day's worst hour). */
  ledger: string;
  /** What a day cell stands for, for the days that are not simply loaded. */
  ledgerNotes: Record<number, string>;
  labelMix: Record<SentimentLabel, number>;
  totals: { posts: number; scored: number; hoursLoaded: number };
  latest: {
    hour: string;
    /** The last price known at the latest hour, even from before the period (the warehouse looks 96 hours back). */
    lastClose: { close: number; hour: string } | null;
    changePct: number | null;
    sentiment: number | null;
    label: SentimentLabel | null;
    posts: number;
    marketClosed: boolean;
  } | null;
  topPosts: TopPostRow[];
}

/** What a page is of: its period on the calendar, shared by every panel. */
export interface DashboardFrame {
  from: string;
  to: string;
  hourCount: number;
  generatedAt: string;
  /** The named range the period is, if it is one; null for `--hours N`. */
  range: RangeName | null;
  view: DashboardView;
  /** Whether panels carry every hour (`TickerPanel.hours`). */
  hourly: boolean;
  /** Scores within ±band are neutral: the page labels days with it, as hours are labelled. */
  band: number;
  grid: SessionGrid;
}

export interface DashboardModel extends DashboardFrame {
  panels: TickerPanel[];
  sources: RowSources;
}

export function dashboardFrame(
  hours: readonly Date[],
  options: { generatedAt: Date; range?: RangeName | null },
): DashboardFrame {
  const first = hours[0];
  const last = hours.at(-1);
  const view = viewOf(hours.length);
  return {
    from: first ? first.toISOString() : '',
    to: last ? new Date(last.getTime() + HOUR_MS).toISOString() : '',
    hourCount: hours.length,
    generatedAt: options.generatedAt.toISOString(),
    range: options.range ?? null,
    view,
    hourly: view === 'hours' || hours.length <= HOURLY_DETAIL_MAX_HOURS,
    band: NEUTRAL_BAND,
    grid: first ? sessionGrid(first, hours.length) : { sessionFirst: [], sessionHours: [], dayEnd: [] },
  };
}

/**
 * Shapes one ticker's warehouse rows onto the frame. Nothing is invented: an hour with no row is missing, a closed
 * hour has no close, an hour without scored posts has no sentiment; none of them becomes a zero. Change % comes
 * from the warehouse, which computes it.
 */
export function shapePanel(
  frame: DashboardFrame,
  ticker: string,
  rows: readonly StoredRow[],
  posts: readonly TopPost[],
  ledger: readonly LedgerRecord[],
): TickerPanel {
  const from = Date.parse(frame.from);
  const byHour: (StoredRow | null)[] = new Array(frame.hourCount).fill(null);
  for (const row of rows) {
    const index = (row.hourStart.getTime() - from) / HOUR_MS;
    if (row.ticker === ticker && index >= 0 && index < frame.hourCount) byHour[index] = row;
  }
  const loaded = byHour.filter((r): r is StoredRow => r !== null);
  const last = loaded.at(-1);
  const hours = Array.from({ length: frame.hourCount }, (_, i) => new Date(from + i * HOUR_MS));
  const cells = statusCells([ticker], hours, ledger).map((c) => c.state);
  const strip = frame.view === 'hours' ? hourStrip(cells) : dayStrip(cells, from);
  return {
    ticker,
    close: tradedCloses(frame.grid, byHour),
    hours: frame.hourly ? hourSeries(byHour) : null,
    days: frame.view === 'sessions' ? daySeries(frame.grid, byHour) : null,
    ledger: strip.cells,
    ledgerNotes: strip.notes,
    labelMix: {
      POSITIVE: sum(loaded, (r) => r.positiveCount),
      NEGATIVE: sum(loaded, (r) => r.negativeCount),
      NEUTRAL: sum(loaded, (r) => r.neutralCount),
      MIXED: sum(loaded, (r) => r.mixedCount),
    },
    totals: {
      posts: sum(loaded, (r) => r.postCount),
      scored: sum(loaded, (r) => r.scoredCount),
      hoursLoaded: loaded.length,
    },
    latest: last
      ? {
          hour: hourKey(last.hourStart),
          lastClose:
            last.lastClose === null || last.lastCloseAt === null
              ? null
              : { close: last.lastClose, hour: hourKey(last.lastCloseAt) },
          changePct: last.changePct,
          sentiment: last.sentimentScore,
          label: last.sentimentLabel,
          posts: last.postCount,
          marketClosed: last.marketClosed,
        }
      : null,
    topPosts: posts
      .filter((p) => p.ticker === ticker)
      .map((p) => ({
        hour: hourKey(p.hourStart),
        text: p.text,
        likes: p.engagement.likes,
        reposts: p.engagement.reposts,
        replies: p.engagement.replies,
        label: p.sentimentScore === null ? null : labelOfScore(p.sentimentScore),
        score: p.sentimentScore,
      })),
  };
}

/** The whole page's model: the frame and a panel per ticker, from rows read at once. */
export function shapeDashboard(input: {
  rows: readonly StoredRow[];
  posts: readonly TopPost[];
  ledger?: readonly LedgerRecord[];
  tickers: readonly string[];
  hours: readonly Date[];
  generatedAt: Date;
  range?: RangeName | null;
}): DashboardModel {
  const frame = dashboardFrame(input.hours, input);
  const rows = Map.groupBy(input.rows, (r) => r.ticker);
  const ledger = Map.groupBy(input.ledger ?? [], (r) => r.ticker);
  const panels = input.tickers.map((ticker) =>
    shapePanel(frame, ticker, rows.get(ticker) ?? [], input.posts, ledger.get(ticker) ?? []),
  );
  return { ...frame, panels, sources: countSources(input.rows) };
}

function tradedCloses(grid: SessionGrid, byHour: readonly (StoredRow | null)[]): (number | null)[] {
  const closes: (number | null)[] = [];
  grid.sessionFirst.forEach((first, s) => {
    for (let i = first; i < first + (grid.sessionHours[s] ?? 0); i++) closes.push(price(byHour[i]?.close));
  });
  return closes;
}

function hourSeries(byHour: readonly (StoredRow | null)[]): HourSeries {
  return {
    sentiment: byHour.map((r) => (r?.sentimentScore == null ? null : round(r.sentimentScore, 2))),
    posts: byHour.map((r) => r?.postCount ?? null),
    state: byHour
      .map((r) => HOUR_STATE[r === null ? 'missing' : r.marketClosed ? 'closed' : 'traded'])
      .join(''),
  };
}

function daySeries(grid: SessionGrid, byHour: readonly (StoredRow | null)[]): DaySeries {
  const series: DaySeries = { score: [], posts: [], postsPerDay: [], scored: [], unweighted: [] };
  let start = 0;
  for (const end of grid.dayEnd) {
    const hours = byHour.slice(start, end).filter((r): r is StoredRow => r !== null);
    const day = daySentiment(hours);
    series.score.push(day.score === null ? null : round(day.score, 3));
    series.posts.push(hours.length === 0 ? null : day.posts);
    const days = Math.max(1, Math.round((end - start) / 24));
    series.postsPerDay.push(hours.length === 0 ? null : round(day.posts / days, 1));
    series.scored.push(day.scored);
    series.unweighted.push(day.unweighted);
    start = end;
  }
  return series;
}

function hourStrip(cells: readonly CellState[]): { cells: string; notes: Record<number, string> } {
  return { cells: cells.map((c) => LEDGER_CODE[c]).join(''), notes: {} };
}

/** A cell per UTC day the period touches, showing its worst hour; the days not simply loaded say what they hold. */
function dayStrip(
  cells: readonly CellState[],
  from: number,
): { cells: string; notes: Record<number, string> } {
  const offset = (from % DAY_MS) / HOUR_MS;
  const days = Map.groupBy(cells, (_, i) => Math.floor((offset + i) / 24));
  let codes = '';
  const notes: Record<number, string> = {};
  for (const [day, states] of days) {
    const counts = Map.groupBy(states, (s) => s);
    const worst = WORST_FIRST.find((s) => counts.has(s)) ?? 'missing';
    codes += LEDGER_CODE[worst];
    if (worst !== 'loaded' && worst !== 'closed')
      notes[day] = WORST_FIRST.filter((s) => counts.has(s))
        .map((s) => `${counts.get(s)?.length} ${s.replaceAll('_', ' ')}`)
        .join(', ');
  }
  return { cells: codes, notes };
}

// Six significant digits show any share price to the cent up to $9,999.99, and keep the page small.
const price = (close: number | null | undefined) => (close == null ? null : Number(close.toPrecision(6)));
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
