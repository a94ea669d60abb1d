import { HOUR_MS } from '../time/hours.ts';
import type { AnalysisHour, AnalysisOptions } from './analysis-hour.ts';
import { type SessionHours, sessionBefore, sessionsBetween } from './session-hours.ts';
import { type HourPrices, sessionReturns } from './session-returns.ts';

/**
 * A ticker's traded-hours grid: one entry per hour of every NYSE session in its range, in time order, whether or
 * not the hour was loaded (unknown values are null, never filled). Entry i and i + k are k traded hours apart
 * exactly when `session[i] === session[i + k]`.
 */
export interface AlignedSeries {
  hourStart: number[];
  /** Index into `sessions`. */
  session: number[];
  /** New York hour of day (9 for the hour that holds the 9:30 open). */
  hourOfDay: number[];
  returns: (number | null)[];
  sentiment: (number | null)[];
  volume: (number | null)[];
  sessions: SessionOpening[];
}

/** How a session opened: its gap, and what was said while the market was closed before it. */
export interface SessionOpening {
  day: string;
  /** ln(first hour's open / the previous session's last close), null when either is unknown. */
  gap: number | null;
  /**
   * Mean sentiment of the closed hours since the previous session (from its close to 9:00 New York time: the hour
   * that holds the open is a traded hour), over those whose sentiment counts.
   */
  overnightSentiment: number | null;
  /** How many closed hours that mean stands on. */
  overnightHours: number;
}

type HourRules = Pick<AnalysisOptions, 'minScored' | 'includeLate'>;

/** The sessions a ticker's sorted hours span: the grid `alignSeries` lays them on. */
export function sessionsOf(hours: readonly AnalysisHour[]): SessionHours[] {
  const first = hours[0];
  const last = hours.at(-1);
  if (!first || !last) return [];
  return sessionsBetween(first.hourStart.getTime(), last.hourStart.getTime() + HOUR_MS);
}

/**
 * Lays hours on the grid of `sessions` (a benchmark is laid on its ticker's grid so that entries match). Returns
 * come from `sessionReturns`: within a session only, the first hour's from its own open, the gap apart.
 */
export function alignSeries(
  hours: readonly AnalysisHour[],
  sessions: readonly SessionHours[],
  rules: HourRules,
): AlignedSeries {
  const byStart = new Map(hours.map((hour) => [hour.hourStart.getTime(), hour]));
  const series: AlignedSeries = {
    hourStart: [],
    session: [],
    hourOfDay: [],
    returns: [],
    sentiment: [],
    volume: [],
    sessions: [],
  };
  sessions.forEach((current, index) => {
    const previous = index > 0 ? (sessions[index - 1] as SessionHours) : sessionBefore(current);
    const lastBefore = byStart.get(previous.hours.at(-1) ?? Number.NaN);
    const prices = current.hours.map((at) => pricesOf(byStart.get(at)));
    const { returns, gap } = sessionReturns(
      prices,
      lastBefore ? (pricesOf(lastBefore)?.close ?? null) : null,
    );
    current.hours.forEach((at, position) => {
      const hour = byStart.get(at);
      series.hourStart.push(at);
      series.session.push(index);
      series.hourOfDay.push(9 + position);
      series.returns.push(returns[position] ?? null);
      series.sentiment.push(hour ? hourSentiment(hour, rules) : null);
      series.volume.push(hour ? hourVolume(hour, rules) : null);
    });
    const closedFrom = Math.ceil(previous.close / HOUR_MS) * HOUR_MS;
    series.sessions.push({
      day: current.day,
      gap,
      ...closedHoursSentiment(byStart, closedFrom, current, rules),
    });
  });
  return series;
}

/** Entries where both the return and the sentiment are known: the hours every statistic can use. */
export function alignedHours(series: AlignedSeries): number {
  let count = 0;
  for (let i = 0; i < series.returns.length; i++) {
    if (series.returns[i] != null && series.sentiment[i] != null) count++;
  }
  return count;
}

/** The hour's score when at least `minScored` posts stand behind it; missing otherwise, never zero. */
function hourSentiment(hour: AnalysisHour, rules: HourRules): number | null {
  if (hour.late && !rules.includeLate) return null;
  if (hour.scoredCount < rules.minScored || hour.sentiment === null) return null;
  return Number.isFinite(hour.sentiment) ? hour.sentiment : null;
}

function hourVolume(hour: AnalysisHour, rules: HourRules): number | null {
  if (hour.late && !rules.includeLate) return null;
  return hour.postVolume;
}

function pricesOf(hour: AnalysisHour | undefined): HourPrices | null {
  if (!hour || hour.marketClosed || hour.open === null || hour.close === null) return null;
  // A zero or negative price has no log return: an error in the source, so the hour is unknown.
  if (!(hour.open > 0 && hour.close > 0)) return null;
  return { open: hour.open, close: hour.close };
}

function closedHoursSentiment(
  byStart: ReadonlyMap<number, AnalysisHour>,
  from: number,
  session: SessionHours,
  rules: HourRules,
): Pick<SessionOpening, 'overnightSentiment' | 'overnightHours'> {
  let sum = 0;
  let count = 0;
  const until = session.hours[0] ?? from;
  for (let at = from; at < until; at += HOUR_MS) {
    const hour = byStart.get(at);
    const score = hour ? hourSentiment(hour, rules) : null;
    if (score === null) continue;
    sum += score;
    count++;
  }
  return { overnightSentiment: count > 0 ? sum / count : null, overnightHours: count };
}
