import { ConfigError } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import {
  parseRange,
  periodFromQuery,
  periodHours,
  rangeOf,
  topPostLimits,
  viewOf,
} from '../../src/report/dashboard-range.ts';

const NOW = new Date('2024-12-07T00:30Z');
const span = (hours: Date[]) => [hours[0]?.toISOString(), hours.at(-1)?.toISOString(), hours.length];

describe('periodHours', () => {
  it('gives the last 24 hours when nothing is chosen, a week, a month, or a count of hours', () => {
    expect(span(periodHours({}, NOW))).toEqual(['2024-12-06T00:00:00.000Z', '2024-12-06T23:00:00.000Z', 24]);
    expect(span(periodHours({ range: 'week' }, NOW))).toEqual([
      '2024-11-30T00:00:00.000Z',
      '2024-12-06T23:00:00.000Z',
      168,
    ]);
    expect(periodHours({ range: 'month' }, NOW)).toHaveLength(720);
    expect(periodHours({ hours: 48 }, NOW)).toHaveLength(48);
  });

  it('ends with --until, whatever the range', () => {
    expect(span(periodHours({ range: 'week', until: '2024-12-01T05:00Z' }, NOW))).toEqual([
      '2024-11-24T06:00:00.000Z',
      '2024-12-01T05:00:00.000Z',
      168,
    ]);
  });

  it('takes all from the first hour recorded, past the 720 hours a count may ask for', () => {
    const all = periodHours({ range: 'all' }, NOW, new Date('2023-12-07T00:00Z'));
    expect(span(all)).toEqual(['2023-12-07T00:00:00.000Z', '2024-12-06T23:00:00.000Z', 366 * 24]);
    // An empty warehouse: the last hour alone, which the page then says has no rows.
    expect(periodHours({ range: 'all' }, NOW, null)).toHaveLength(1);
  });

  it('refuses a range and a count of hours together, naming both', () => {
    expect(() => periodHours({ range: 'week', hours: 12 }, NOW)).toThrow(ConfigError);
    expect(() => periodHours({ range: 'week', hours: 12 }, NOW)).toThrow(/--range week and --hours 12/);
  });

  it('names the chosen range for the chooser, and none for a count of hours', () => {
    expect(rangeOf({})).toBe('24h');
    expect(rangeOf({ range: 'month' })).toBe('month');
    expect(rangeOf({ hours: 24 })).toBeNull();
  });
});

describe('a served page’s query', () => {
  it('chooses the range, a count of hours and the last hour as the flags do', () => {
    expect(periodFromQuery(new URLSearchParams(''))).toEqual({});
    expect(periodFromQuery(new URLSearchParams('range=week'))).toEqual({ range: 'week' });
    expect(periodFromQuery(new URLSearchParams('hours=72&until=2024-12-09T23:00Z'))).toEqual({
      hours: 72,
      until: '2024-12-09T23:00Z',
    });
  });

  it('refuses what is not a range or a count of hours, naming the parameter', () => {
    expect(() => periodFromQuery(new URLSearchParams('range=year'))).toThrow(
      /range: expected one of 24h, week, month, all, got "year"/,
    );
    expect(() => periodFromQuery(new URLSearchParams('hours=0'))).toThrow(/: hours: expected a whole number/);
    expect(() => periodFromQuery(new URLSearchParams('hours=1e2'))).toThrow(ConfigError);
    expect(() => parseRange('Week')).toThrow(/--range/);
  });
});

describe('how a period is shown', () => {
  it('keeps clock time up to three days and lays traded hours side by side past them', () => {
    expect(viewOf(72)).toBe('hours');
    expect(viewOf(73)).toBe('sessions');
  });

  it('bounds the top posts: ten of the period, or three a day and twelve in all', () => {
    expect(topPostLimits('hours')).toEqual({ perTicker: 10, perDay: null });
    expect(topPostLimits('sessions')).toEqual({ perTicker: 12, perDay: 3 });
  });
});
