import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { SpikeOptions } from './analysis-hour.ts';

// Scale factors that make MAD and mean absolute deviation estimate σ for normal data (Iglewicz & Hoaglin, 1993).
const MAD_TO_SD = 1.4826;
const MEAN_AD_TO_SD = 1.2533;

/**
 * Each entry's robust z of log(1 + volume) against the same New York hour of day over the `trailingSessions`
 * sessions before it (the past only: a spike is known when it happens): (v − median) / (1.4826 · MAD). When the
 * MAD is 0 (over half the baseline equal) the mean absolute deviation stands in; when that is 0 too, any rise is
 * infinite and no rise is 0. Null for an unknown volume or fewer than `minBaseline` known baseline hours.
 */
export function robustVolumeZ(
  volume: readonly (number | null)[],
  session: readonly number[],
  hourOfDay: readonly number[],
  options: Pick<SpikeOptions, 'trailingSessions' | 'minBaseline'>,
): (number | null)[] {
  const history = new Map<number, { session: number; value: number }[]>();
  return volume.map((count, i) => {
    const current = session[i] as number;
    const hour = hourOfDay[i] as number;
    const past = (history.get(hour) ?? []).filter((h) => h.session >= current - options.trailingSessions);
    history.set(hour, past);
    if (count === null) return null;
    const value = Math.log1p(count);
    const baseline = past.map((h) => h.value);
    past.push({ session: current, value });
    if (baseline.length < options.minBaseline) return null;
    return robustZ(value, baseline);
  });
}

/** The entries that are spikes: z above `minZ` and at least `minVolume` posts. */
export function volumeSpikes(
  volume: readonly (number | null)[],
  session: readonly number[],
  hourOfDay: readonly number[],
  options: SpikeOptions,
): number[] {
  const z = robustVolumeZ(volume, session, hourOfDay, options);
  const spikes: number[] = [];
  z.forEach((value, i) => {
    if (value !== null && value > options.minZ && (volume[i] ?? 0) >= options.minVolume) spikes.push(i);
  });
  return spikes;
}

function robustZ(value: number, baseline: readonly number[]): number {
  const centre = median(baseline as number[]);
  let scale = MAD_TO_SD * medianAbsoluteDeviation(baseline as number[]);
  if (scale === 0) {
    scale = (MEAN_AD_TO_SD * baseline.reduce((sum, v) => sum + Math.abs(v - centre), 0)) / baseline.length;
  }
  if (scale === 0) return value > centre ? Number.POSITIVE_INFINITY : 0;
  return (value - centre) / scale;
}
