import { type AlignedSeries, alignedHours, alignSeries, sessionsOf } from './aligned-series.ts';
import { type AnalysisHour, type AnalysisOptions, DEFAULT_ANALYSIS_OPTIONS } from './analysis-hour.ts';
import { crossCorrelation, type LagCorrelation } from './cross-correlation.ts';
import { removeHourOfDayMeans } from './deseasonalise.ts';
import { type EventStudy, eventStudy } from './event-study.ts';
import { type GrangerResult, grangerByBic } from './granger.ts';
import { overnightRelation } from './overnight.ts';
import type { Correlation } from './pearson.ts';
import { arSurprises } from './prewhiten.ts';
import type { SessionHours } from './session-hours.ts';
import { volumeSpikes } from './volume-spikes.ts';

/** One ticker's tests with their raw p-values: small, so a run keeps one per ticker until it corrects them. */
export interface TickerTests {
  ticker: string;
  /** Aligned hours: traded hours with both a known return and a sentiment that counts. */
  hours: number;
  tooFewHours: boolean;
  underpowered: boolean;
  /** r(k) of the two series' AR surprises: the orders of those AR fits (0 when none is needed). */
  prewhitening: { sentimentOrder: number; returnsOrder: number };
  crossCorrelation: LagCorrelation[];
  granger: { sentimentToReturns: GrangerResult | null; returnsToSentiment: GrangerResult | null };
  overnight: Correlation | null;
  events: EventStudy | null;
}

/**
 * Everything about one ticker that does not depend on the other tickers of the run: its hours are aligned on the
 * NYSE sessions they span, deseasonalised, then cross-correlated (as AR surprises), Granger-tested both ways, their openings
 * related to the closed hours' sentiment, and their volume spikes studied as events (abnormal against
 * `benchmark`'s hours when given). Under `minHours` aligned hours nothing is tested.
 */
export function testTicker(
  ticker: string,
  hours: readonly AnalysisHour[],
  options: Partial<AnalysisOptions> = {},
  benchmark?: readonly AnalysisHour[],
): TickerTests {
  const settings = { ...DEFAULT_ANALYSIS_OPTIONS, ...options };
  const sessions = sessionsOf(hours);
  const series = alignSeries(hours, sessions, settings);
  const aligned = alignedHours(series);
  const base = { ticker, hours: aligned, underpowered: aligned < settings.fullPowerHours };
  if (aligned < settings.minHours) {
    return {
      ...base,
      tooFewHours: true,
      prewhitening: { sentimentOrder: 0, returnsOrder: 0 },
      crossCorrelation: [],
      granger: { sentimentToReturns: null, returnsToSentiment: null },
      overnight: null,
      events: null,
    };
  }
  const sentiment = removeHourOfDayMeans(series.sentiment, series.hourOfDay);
  const returns = removeHourOfDayMeans(series.returns, series.hourOfDay);
  const sentimentSurprises = arSurprises(sentiment, series.session, settings.maxLag);
  const returnSurprises = arSurprises(returns, series.session, settings.maxLag);
  return {
    ...base,
    tooFewHours: false,
    prewhitening: { sentimentOrder: sentimentSurprises.order, returnsOrder: returnSurprises.order },
    crossCorrelation: crossCorrelation(
      sentimentSurprises.surprises,
      returnSurprises.surprises,
      series.session,
      settings.maxLag,
      settings.alpha,
    ),
    granger: {
      sentimentToReturns: grangerByBic(sentiment, returns, series.session, settings.maxLag),
      returnsToSentiment: grangerByBic(returns, sentiment, series.session, settings.maxLag),
    },
    overnight: overnightRelation(series.sessions, settings.alpha),
    events: events(series, benchmark, sessions, settings),
  };
}

function events(
  series: AlignedSeries,
  benchmark: readonly AnalysisHour[] | undefined,
  sessions: readonly SessionHours[],
  settings: AnalysisOptions,
): EventStudy {
  const spikes = volumeSpikes(series.volume, series.session, series.hourOfDay, settings.spike);
  const market = benchmark ? alignSeries(benchmark, sessions, settings) : null;
  return eventStudy(series, spikes, market, settings.horizon, settings.alpha);
}
