import { describe, expect, it } from 'vitest';
import { robustVolumeZ, volumeSpikes } from '../../src/analysis/volume-spikes.ts';

const spike = { minZ: 3, minVolume: 10, trailingSessions: 20, minBaseline: 10 };

/** `sessions` sessions of one hour (hour of day 9), with these volumes. */
function oneHourSessions(volumes: (number | null)[]) {
  return { session: volumes.map((_, i) => i), hourOfDay: volumes.map(() => 9) };
}

describe('robustVolumeZ', () => {
  it('measures log(1 + volume) against the median and 1.4826·MAD of the same hour over the 20 sessions before', () => {
    const volumes = [...Array.from({ length: 25 }, (_, i) => 10 + (i % 5)), 60];
    const { session, hourOfDay } = oneHourSessions(volumes);
    const z = robustVolumeZ(volumes, session, hourOfDay, spike);
    const baseline = volumes.slice(5, 25).map((v) => Math.log1p(v as number));
    const sorted = [...baseline].sort((a, b) => a - b);
    const median = ((sorted[9] as number) + (sorted[10] as number)) / 2;
    const deviations = baseline.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
    const mad = ((deviations[9] as number) + (deviations[10] as number)) / 2;
    expect(z[25]).toBeCloseTo((Math.log1p(60) - median) / (1.4826 * mad), 10);
  });

  it('judges nothing without 10 known baseline hours, and never looks at the same or later hours', () => {
    const volumes = [10, 11, 12, null, 10, 11, 12, 10, 11, 12, 500, 10];
    const { session, hourOfDay } = oneHourSessions(volumes);
    const z = robustVolumeZ(volumes, session, hourOfDay, spike);
    expect(z.slice(0, 11).every((v) => v === null)).toBe(true);
    expect(z[11]).not.toBeNull();
  });

  it('compares an hour of day only with the same hour of day', () => {
    // Sessions of two hours: 9 is always quiet, 10 always busy; a busy 10 o'clock is no spike.
    const volumes = Array.from({ length: 44 }, (_, i) => (i % 2 === 0 ? 10 : 200));
    const session = volumes.map((_, i) => Math.floor(i / 2));
    const hourOfDay = volumes.map((_, i) => 9 + (i % 2));
    expect(volumeSpikes(volumes, session, hourOfDay, spike)).toEqual([]);
  });

  it('falls back to the mean absolute deviation when the MAD is 0, and calls any rise over a flat baseline a spike', () => {
    const flat = [...Array.from({ length: 20 }, () => 20), 40];
    const mostlyFlat = [...Array.from({ length: 14 }, () => 20), ...Array.from({ length: 6 }, () => 30), 40];
    expect(
      robustVolumeZ(flat, ...(Object.values(oneHourSessions(flat)) as [number[], number[]]), spike)[20],
    ).toBe(Number.POSITIVE_INFINITY);
    const z = robustVolumeZ(
      mostlyFlat,
      ...(Object.values(oneHourSessions(mostlyFlat)) as [number[], number[]]),
      spike,
    );
    const meanAd = (6 * (Math.log1p(30) - Math.log1p(20))) / 20;
    expect(z[20]).toBeCloseTo((Math.log1p(40) - Math.log1p(20)) / (1.2533 * meanAd), 10);
  });
});

describe('volumeSpikes', () => {
  it('needs both z above 3 and the minimum volume', () => {
    const quiet = [...Array.from({ length: 20 }, (_, i) => 1 + (i % 2)), 9];
    const busy = [...Array.from({ length: 20 }, (_, i) => 10 + (i % 3)), 90];
    expect(
      volumeSpikes(quiet, ...(Object.values(oneHourSessions(quiet)) as [number[], number[]]), spike),
    ).toEqual([]);
    expect(
      volumeSpikes(busy, ...(Object.values(oneHourSessions(busy)) as [number[], number[]]), spike),
    ).toEqual([20]);
  });
});
