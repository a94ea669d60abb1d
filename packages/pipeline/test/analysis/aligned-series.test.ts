import { describe, expect, it } from 'vitest';
import {
  type AlignedSeries,
  alignedHours,
  alignSeries,
  sessionsOf,
} from '../../src/analysis/aligned-series.ts';
import type { AnalysisHour } from '../../src/analysis/analysis-hour.ts';
import { lagPairs } from '../../src/analysis/cross-correlation.ts';
import { calendarHours, openAt, priceAt } from './calendar-hours.ts';

const HOUR_MS = 3_600_000;
const rules = { minScored: 3, includeLate: false };
const utc = (iso: string) => Date.parse(iso);

function align(hours: AnalysisHour[]): AlignedSeries {
  return alignSeries(hours, sessionsOf(hours), rules);
}

function entryAt(series: AlignedSeries, iso: string): number {
  const i = series.hourStart.indexOf(utc(iso));
  expect(i, `${iso} is on the grid`).toBeGreaterThanOrEqual(0);
  return i;
}

/** Every return is ln(close / close of the hour just before in its session), or the first hour's ln(close / open). */
function expectReturnsWithinSessions(series: AlignedSeries): void {
  series.returns.forEach((r, i) => {
    if (r === null) return;
    const at = series.hourStart[i] as number;
    const first = i === 0 || series.session[i - 1] !== series.session[i];
    const from = first ? openAt(at) : priceAt(at);
    expect(r).toBeCloseTo(Math.log(priceAt(at + HOUR_MS) / from), 12);
    if (!first) expect(series.hourStart[i - 1]).toBe(at - HOUR_MS);
  });
}

describe('alignSeries on the NYSE calendar', () => {
  it('lays the DST week of 2025-03-10 on 9:00–15:00 New York hours, whatever the UTC offset', () => {
    const series = align(calendarHours('2025-03-06T00:00Z', '2025-03-12T00:00Z'));
    const days = series.sessions.map((s) => s.day);
    expect(days).toEqual(['2025-03-06', '2025-03-07', '2025-03-10', '2025-03-11']);
    const friday = entryAt(series, '2025-03-07T14:00Z'); // EST: 9:00 New York
    const monday = entryAt(series, '2025-03-10T13:00Z'); // EDT: 9:00 New York
    expect(series.hourOfDay[friday]).toBe(9);
    expect(series.hourOfDay[monday]).toBe(9);
    expect(series.hourOfDay[entryAt(series, '2025-03-10T19:00Z')]).toBe(15);
    expect(series.hourStart).not.toContain(utc('2025-03-10T20:00Z'));
    expect(series.session.filter((s) => s === 2)).toHaveLength(7);
    expectReturnsWithinSessions(series);
  });

  it("takes Monday's opening gap from Friday's last close, and its first return from Monday's own open", () => {
    const series = align(calendarHours('2025-03-06T00:00Z', '2025-03-12T00:00Z'));
    const monday = entryAt(series, '2025-03-10T13:00Z');
    const fridayLastClose = priceAt(utc('2025-03-07T21:00Z'));
    expect(series.sessions[2]?.gap).toBeCloseTo(
      Math.log(openAt(utc('2025-03-10T13:00Z')) / fridayLastClose),
      12,
    );
    expect(series.returns[monday]).toBeCloseTo(
      Math.log(priceAt(utc('2025-03-10T14:00Z')) / openAt(utc('2025-03-10T13:00Z'))),
      12,
    );
  });

  it('skips Thanksgiving 2025 and gives the 2025-11-28 early close four hours, to 13:00 New York', () => {
    const series = align(calendarHours('2025-11-26T00:00Z', '2025-12-02T00:00Z'));
    expect(series.sessions.map((s) => s.day)).toEqual(['2025-11-26', '2025-11-28', '2025-12-01']);
    const friday = series.hourStart
      .filter((_, i) => series.session[i] === 1)
      .map((at) => new Date(at).toISOString());
    expect(friday).toEqual([
      '2025-11-28T14:00:00.000Z',
      '2025-11-28T15:00:00.000Z',
      '2025-11-28T16:00:00.000Z',
      '2025-11-28T17:00:00.000Z',
    ]);
    expect(series.sessions[2]?.gap).toBeCloseTo(
      Math.log(openAt(utc('2025-12-01T14:00Z')) / priceAt(utc('2025-11-28T18:00Z'))),
      12,
    );
    expectReturnsWithinSessions(series);
  });

  it('never pairs hours of different sessions at any lag, over weekends, holidays, early closes and DST', () => {
    const hours = [
      ...calendarHours('2025-03-06T00:00Z', '2025-03-12T00:00Z'),
      ...calendarHours('2025-11-26T00:00Z', '2025-12-02T00:00Z'),
    ];
    const series = align(hours);
    const index = series.hourStart.map((_, i) => i);
    for (let lag = -6; lag <= 6; lag++) {
      const { xs, ys } = lagPairs(index, index, series.session, lag);
      xs.forEach((t, j) => {
        const u = ys[j] as number;
        expect(new Date(series.hourStart[u] as number).toISOString().slice(0, 10)).toBe(
          new Date(series.hourStart[t] as number).toISOString().slice(0, 10),
        );
        expect((series.hourStart[u] as number) - (series.hourStart[t] as number)).toBe(lag * HOUR_MS);
      });
    }
  });

  it('leaves a return unknown when the hour before it in the session was never loaded, never reaching back', () => {
    const series = align(
      calendarHours('2025-03-10T00:00Z', '2025-03-12T00:00Z', (h) =>
        h.hourStart.toISOString() === '2025-03-10T15:00:00.000Z' ? null : h,
      ),
    );
    expect(series.returns[entryAt(series, '2025-03-10T15:00Z')]).toBeNull();
    expect(series.returns[entryAt(series, '2025-03-10T16:00Z')]).toBeNull();
    expect(series.returns[entryAt(series, '2025-03-10T17:00Z')]).not.toBeNull();
    expect(series.sentiment[entryAt(series, '2025-03-10T15:00Z')]).toBeNull();
  });

  it("gives no gap when the previous session's last hour is unknown, and no return to a closed-marked hour", () => {
    const series = align(
      calendarHours('2025-03-06T00:00Z', '2025-03-12T00:00Z', (h) => {
        const iso = h.hourStart.toISOString();
        if (iso === '2025-03-07T20:00:00.000Z') return null;
        if (iso === '2025-03-11T15:00:00.000Z') return { ...h, marketClosed: true, open: null, close: null };
        return h;
      }),
    );
    expect(series.sessions[2]?.gap).toBeNull();
    expect(series.returns[entryAt(series, '2025-03-10T13:00Z')]).not.toBeNull();
    expect(series.returns[entryAt(series, '2025-03-11T15:00Z')]).toBeNull();
    expect(series.returns[entryAt(series, '2025-03-11T16:00Z')]).toBeNull();
  });

  it('counts sentiment only with at least minScored scored posts, and leaves late hours out unless asked', () => {
    const hours = calendarHours('2025-03-10T00:00Z', '2025-03-12T00:00Z', (h) => {
      const iso = h.hourStart.toISOString();
      if (iso === '2025-03-10T14:00:00.000Z') return { ...h, scoredCount: 2 };
      if (iso === '2025-03-10T15:00:00.000Z') return { ...h, late: true };
      return h;
    });
    const series = align(hours);
    expect(series.sentiment[entryAt(series, '2025-03-10T14:00Z')]).toBeNull();
    expect(series.sentiment[entryAt(series, '2025-03-10T15:00Z')]).toBeNull();
    expect(series.volume[entryAt(series, '2025-03-10T15:00Z')]).toBeNull();
    expect(series.sentiment[entryAt(series, '2025-03-10T16:00Z')]).not.toBeNull();
    const withLate = alignSeries(hours, sessionsOf(hours), { ...rules, includeLate: true });
    expect(withLate.sentiment[entryAt(withLate, '2025-03-10T15:00Z')]).toBe(hours[15]?.sentiment);
  });

  it('means the sentiment of every closed hour from Friday 16:00 to Monday 9:00 New York for the opening', () => {
    const hours = calendarHours('2025-03-06T00:00Z', '2025-03-12T00:00Z');
    const series = align(hours);
    const closed = hours.filter(
      (h) =>
        h.hourStart.getTime() >= utc('2025-03-07T21:00Z') && h.hourStart.getTime() < utc('2025-03-10T13:00Z'),
    );
    expect(closed).toHaveLength(64);
    const mean = closed.reduce((sum, h) => sum + (h.sentiment as number), 0) / closed.length;
    expect(series.sessions[2]?.overnightHours).toBe(64);
    expect(series.sessions[2]?.overnightSentiment).toBeCloseTo(mean, 12);
  });

  it('counts as aligned only the hours with both a return and a sentiment', () => {
    const series = align(
      calendarHours('2025-03-10T00:00Z', '2025-03-12T00:00Z', (h) =>
        h.hourStart.toISOString() === '2025-03-11T13:00:00.000Z'
          ? { ...h, sentiment: null, scoredCount: 0 }
          : h,
      ),
    );
    expect(series.hourStart).toHaveLength(14);
    expect(alignedHours(series)).toBe(13);
  });
});
