import { describe, expect, it } from 'vitest';
import { sessionGrid } from '../../src/report/session-grid.ts';

const at = (iso: string) => new Date(iso);

describe('sessionGrid', () => {
  it('puts a week’s traded hours side by side, the weekend counting toward Monday', () => {
    // Saturday 2024-11-30 00:00 to Friday 12-06 23:00: sessions 14:30–21:00 UTC, hours 14 to 20.
    const grid = sessionGrid(at('2024-11-30T00:00Z'), 168);
    expect(grid.sessionFirst).toEqual([62, 86, 110, 134, 158]);
    expect(grid.sessionHours).toEqual([7, 7, 7, 7, 7]);
    // Monday's day is Saturday, Sunday and Monday; each other day is its own UTC day.
    expect(grid.dayEnd).toEqual([72, 96, 120, 144, 168]);
  });

  it('follows the NYSE calendar: no Thanksgiving session, four hours on the day after', () => {
    const grid = sessionGrid(at('2024-11-27T00:00Z'), 72);
    expect(grid.sessionFirst).toEqual([14, 62]);
    // 2024-11-29 closes at 13:00 New York time, 18:00 UTC.
    expect(grid.sessionHours).toEqual([7, 4]);
    expect(grid.dayEnd).toEqual([24, 72]);
  });

  it('ends with the closed days after the last session as a day of their own', () => {
    const grid = sessionGrid(at('2024-12-06T00:00Z'), 72);
    expect(grid.sessionFirst).toEqual([14]);
    expect(grid.dayEnd).toEqual([24, 72]);
  });

  it('keeps only the hours of a session inside the period', () => {
    // From Friday 16:00 UTC: the session's last five hours; to Monday 15:00 UTC: its first.
    const grid = sessionGrid(at('2024-12-06T16:00Z'), 72);
    expect(grid.sessionFirst).toEqual([0, 70]);
    expect(grid.sessionHours).toEqual([5, 2]);
    expect(grid.dayEnd).toEqual([8, 72]);
  });

  it('has no session and one closed day over a weekend', () => {
    expect(sessionGrid(at('2024-12-07T00:00Z'), 48)).toEqual({
      sessionFirst: [],
      sessionHours: [],
      dayEnd: [48],
    });
  });
});
