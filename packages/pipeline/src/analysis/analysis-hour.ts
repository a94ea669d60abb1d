/**
 * One ticker-hour as the analysis reads it from the warehouse: the hour's candle (null prices when it did not
 * trade), its sentiment and how many posts stand behind it. A ticker's hours come sorted by `hourStart`; an hour
 * that was never loaded is simply absent, and stays unknown.
 */
export interface AnalysisHour {
  hourStart: Date;
  open: number | null;
  close: number | null;
  marketClosed: boolean;
  /** The hour's score in [-1, 1], null when no post was scored. */
  sentiment: number | null;
  scoredCount: number;
  postVolume: number | null;
  /** Its posts were fetched long after the hour, so their popularity saw the future: left out by default. */
  late: boolean;
}

export interface AnalysisOptions {
  /** Largest lag N, in traded hours, of the cross-correlation (−N…N) and of the Granger order search (1…N). */
  maxLag: number;
  /** An hour's sentiment counts only when at least this many posts were scored; below, it is missing. */
  minScored: number;
  includeLate: boolean;
  /** Fewer aligned hours than this: no statistics at all (`too_few_hours`). */
  minHours: number;
  /** Fewer aligned hours than this: results are given but flagged `underpowered`. */
  fullPowerHours: number;
  /** Two-sided level of every interval, and the q-value below which a test counts. */
  alpha: number;
  spike: SpikeOptions;
  /** Event windows: the cumulative abnormal return over the next 1…horizon traded hours. */
  horizon: number;
}

export interface SpikeOptions {
  /** A spike's robust z of log(1 + volume) must exceed this. */
  minZ: number;
  /** …and its post volume must be at least this. */
  minVolume: number;
  /** The baseline: the same New York hour of day over this many sessions before. */
  trailingSessions: number;
  /** Fewer known baseline hours than this: no judgement on the hour. */
  minBaseline: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  maxLag: 6,
  minScored: 3,
  includeLate: false,
  minHours: 200,
  fullPowerHours: 800,
  alpha: 0.05,
  spike: { minZ: 3, minVolume: 10, trailingSessions: 20, minBaseline: 10 },
  horizon: 6,
};
