import { ConfigError } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import {
  floorToHour,
  hourKey,
  hourLabel,
  hoursUpTo,
  lastCompleteHour,
  parseHour,
  recentHours,
} from '../../src/time/hours.ts';

const now = new Date('2026-11-28T16:42:10.123Z');

describe('hour maths', () => {
  it('floors to the UTC hour and picks the last complete one', () => {
    expect(floorToHour(now).toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(lastCompleteHour(now).toISOString()).toBe('2026-11-28T15:00:00.000Z');
    expect(lastCompleteHour(new Date('2026-11-28T16:00:00.000Z')).toISOString()).toBe(
      '2026-11-28T15:00:00.000Z',
    );
  });

  it('lists recent complete hours oldest first', () => {
    const hours = recentHours(now, 3).map((h) => h.toISOString());
    expect(hours).toEqual([
      '2026-11-28T13:00:00.000Z',
      '2026-11-28T14:00:00.000Z',
      '2026-11-28T15:00:00.000Z',
    ]);
  });

  it('lists the hours up to a given one, or up to the last complete one', () => {
    expect(hoursUpTo('2026-11-27T20:00Z', 2, now).map((h) => h.toISOString())).toEqual([
      '2026-11-27T19:00:00.000Z',
      '2026-11-27T20:00:00.000Z',
    ]);
    expect(hoursUpTo(undefined, 1, now).map((h) => h.toISOString())).toEqual(['2026-11-28T15:00:00.000Z']);
  });

  it('keys an hour as YYYY-MM-DDTHH', () => {
    expect(hourKey(new Date('2026-01-02T03:00:00Z'))).toBe('2026-01-02T03');
  });

  it('labels an hour as people type it back to --hour', () => {
    const hour = new Date('2026-01-02T03:00:00Z');
    expect(hourLabel(hour)).toBe('2026-01-02T03:00Z');
    expect(parseHour(hourLabel(hour), now)).toEqual(hour);
  });

  it.each([
    '2024-12-07T21:00Z',
    '2024-12-07T21',
    '2024-12-07T21Z',
    '2024-12-07T21:00:00Z',
    '2024-12-07T21:00:00.000Z',
  ])('parses --hour %s', (text) => {
    expect(parseHour(text, now).toISOString()).toBe('2024-12-07T21:00:00.000Z');
  });

  it.each([
    ['2024-12-07T21:30Z', /whole UTC hour/],
    ['2024-12-07 21:00', /whole UTC hour/],
    ['2024-02-30T10:00Z', /not a real date/],
    ['2024-12-07T24:00Z', /not a real date/],
    ['2024-12-07T21:00+01:00', /whole UTC hour/],
    ['2026-11-28T16:00Z', /has not ended yet/],
  ])('refuses --hour %s', (text, message) => {
    expect(() => parseHour(text, now)).toThrow(ConfigError);
    expect(() => parseHour(text, now)).toThrow(message);
  });
});

describe('#20.8 hours before X existed', () => {
  const now = new Date('2026-11-28T16:05Z');
  it.each(['0099-12-07T21:00Z', '0000-01-01T00:00Z', '1999-12-31T23:00Z', '2005-12-31T23:00Z'])(
    'refuses --hour %s, rather than read a year 0–99 as 1900–1999',
    (text) => {
      expect(() => parseHour(text, now)).toThrow(ConfigError);
      expect(() => parseHour(text, now)).toThrow(
        `--hour: expected an hour from 2006 on (X began in 2006), got "${text}"`,
      );
    },
  );
  it('takes the first hours of 2006', () => {
    expect(parseHour('2006-01-01T00:00Z', now)).toEqual(new Date('2006-01-01T00:00Z'));
  });
});
