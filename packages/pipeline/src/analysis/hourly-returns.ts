import { alignSeries, sessionsOf } from './aligned-series.ts';
import type { AnalysisHour, AnalysisOptions } from './analysis-hour.ts';

/** One traded hour of a ticker's aligned series, as `stock_hourly_returns` keeps it for BI tools. */
export interface HourlyReturnRow {
  ticker: string;
  hourStart: Date;
  /** The New York trading day of the session. */
  session: string;
  hourOfDay: number;
  logReturn: number | null;
  /** On a session's first hour: ln(its open / the previous session's last close). */
  openingGap: number | null;
  sentiment: number | null;
  postVolume: number | null;
  /** The sentiment 1, 2 and 3 traded hours before, in the same session only. */
  sentimentLags: [number | null, number | null, number | null];
}

/**
 * The series the analysis tests, before deseasonalising, laid out a row per traded hour: what an analyst checks a
 * verdict against. Lags never reach into an earlier session, as the tests' never do.
 */
export function hourlyReturnRows(
  ticker: string,
  hours: readonly AnalysisHour[],
  rules: Pick<AnalysisOptions, 'minScored' | 'includeLate'>,
): HourlyReturnRow[] {
  const series = alignSeries(hours, sessionsOf(hours), rules);
  const lagged = (i: number, k: number) =>
    i - k >= 0 && series.session[i - k] === series.session[i] ? (series.sentiment[i - k] ?? null) : null;
  return series.hourStart.map((at, i) => {
    const session = series.session[i] as number;
    const first = i === 0 || series.session[i - 1] !== session;
    const opening = series.sessions[session];
    return {
      ticker,
      hourStart: new Date(at),
      session: opening?.day ?? '',
      hourOfDay: series.hourOfDay[i] as number,
      logReturn: series.returns[i] ?? null,
      openingGap: first ? (opening?.gap ?? null) : null,
      sentiment: series.sentiment[i] ?? null,
      postVolume: series.volume[i] ?? null,
      sentimentLags: [lagged(i, 1), lagged(i, 2), lagged(i, 3)],
    };
  });
}
