import { describe, expect, it } from 'vitest';
import { sessionBefore, sessionsBetween } from '../../src/analysis/session-hours.ts';

const iso = (hours: number[]) => hours.map((at) => new Date(at).toISOString().slice(0, 13));

describe('sessionsBetween', () => {
  it('lists the sessions of a range with their UTC hours: Thanksgiving out, the day after to 13:00 New York', () => {
    const sessions = sessionsBetween(Date.parse('2025-11-26T00:00Z'), Date.parse('2025-12-02T00:00Z'));
    expect(sessions.map((s) => s.day)).toEqual(['2025-11-26', '2025-11-28', '2025-12-01']);
    expect(iso(sessions[1]?.hours ?? [])).toEqual([
      '2025-11-28T14',
      '2025-11-28T15',
      '2025-11-28T16',
      '2025-11-28T17',
    ]);
    expect(sessions[0]?.hours).toHaveLength(7);
  });

  it('follows daylight saving: 9:00 New York is 14:00 UTC on 2025-03-07 and 13:00 UTC on 2025-03-10', () => {
    const sessions = sessionsBetween(Date.parse('2025-03-07T00:00Z'), Date.parse('2025-03-11T00:00Z'));
    expect(sessions.map((s) => iso(s.hours)[0])).toEqual(['2025-03-07T14', '2025-03-10T13']);
  });

  it('includes a session the range only touches, and nothing for an empty range', () => {
    const touched = sessionsBetween(Date.parse('2025-03-10T19:00Z'), Date.parse('2025-03-10T20:00Z'));
    expect(touched.map((s) => s.day)).toEqual(['2025-03-10']);
    expect(sessionsBetween(Date.parse('2025-03-08T00:00Z'), Date.parse('2025-03-09T00:00Z'))).toEqual([]);
  });
});

describe('sessionBefore', () => {
  it('is the last trading day before, over a weekend and a holiday', () => {
    const [monday] = sessionsBetween(Date.parse('2025-12-01T00:00Z'), Date.parse('2025-12-02T00:00Z'));
    expect(monday && sessionBefore(monday).day).toBe('2025-11-28');
  });
});
