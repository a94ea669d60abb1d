import { describe, expect, it } from 'vitest';
import { tradedHoursBetween } from '../../src/time/previous-traded-hour.ts';

const previousOf = (iso: string) => {
  const at = new Date(iso);
  return tradedHoursBetween(at, new Date(at.getTime() + 3_600_000))[0]?.previousHourStart.toISOString();
};

describe('the previous traded hour on the NYSE calendar', () => {
  it("is the hour before within a session, and the previous trading day's last hour for a first hour", () => {
    expect(previousOf('2024-12-05T15:00Z')).toBe('2024-12-05T14:00:00.000Z');
    // Thursday 9:00 New York (it holds the 9:30 open): Wednesday's 15:00 hour, not Monday's.
    expect(previousOf('2024-12-05T14:00Z')).toBe('2024-12-04T20:00:00.000Z');
    expect(previousOf('2024-12-09T14:00Z')).toBe('2024-12-06T20:00:00.000Z');
  });

  it('skips holidays and ends early closes at their last hour', () => {
    // Friday after Thanksgiving 2024 (closed Thursday) follows Wednesday; it closes at 13:00, so Monday follows 12:00.
    expect(previousOf('2024-11-29T14:00Z')).toBe('2024-11-27T20:00:00.000Z');
    expect(previousOf('2024-12-02T14:00Z')).toBe('2024-11-29T17:00:00.000Z');
  });

  it('lists only traded hours', () => {
    expect(tradedHoursBetween(new Date('2024-12-07T00:00Z'), new Date('2024-12-09T00:00Z'))).toEqual([]);
    expect(tradedHoursBetween(new Date('2024-12-06T00:00Z'), new Date('2024-12-07T00:00Z'))).toHaveLength(7);
  });
});
