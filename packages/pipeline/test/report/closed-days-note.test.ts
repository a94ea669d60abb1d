import { describe, expect, it } from 'vitest';
import { closedDaysNote } from '../../src/report/closed-days-note.ts';
import { hoursBetween } from '../../src/status/grid.ts';

const hours = (from: string, to: string) => hoursBetween(new Date(from), new Date(to));

describe('closedDaysNote', () => {
  it('names the weekend days of a Saturday’s last 24 hours (New York days)', () => {
    expect(closedDaysNote(hours('2024-12-06T17:00Z', '2024-12-07T16:00Z'))).toBe(
      'The US market was closed on Saturday 2024-12-07 (weekend): those hours have posts and sentiment, but no price.',
    );
  });

  it('names a holiday as one', () => {
    expect(closedDaysNote(hours('2024-11-28T00:00Z', '2024-11-28T23:00Z'))).toMatch(
      /^The US market was closed on Thursday 2024-11-28 \(holiday\): /,
    );
  });

  it('over a month or more, counts the closed days and names only the holidays: one short line', () => {
    const year = closedDaysNote(hours('2024-01-01T05:00Z', '2025-01-01T04:00Z'));
    expect(year).toBe(
      'The US market was closed on 114 New York days in this view (104 weekend days; 10 holidays: ' +
        'Monday 2024-01-01, Monday 2024-01-15, Monday 2024-02-19, Friday 2024-03-29, Monday 2024-05-27 and 5 more)' +
        ': those hours have posts and sentiment, but no price.',
    );
    expect(closedDaysNote(hours('2024-12-02T05:00Z', '2024-12-16T04:00Z'))).toBe(
      'The US market was closed on 4 weekend days in this view: those hours have posts and sentiment, but no price.',
    );
  });

  it('says nothing when every day in the hours traded, nights included', () => {
    expect(closedDaysNote(hours('2024-12-09T17:00Z', '2024-12-10T16:00Z'))).toBeUndefined();
  });
});
