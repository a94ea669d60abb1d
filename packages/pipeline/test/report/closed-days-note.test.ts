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

  it('says nothing when every day in the hours traded, nights included', () => {
    expect(closedDaysNote(hours('2024-12-09T17:00Z', '2024-12-10T16:00Z'))).toBeUndefined();
  });
});
