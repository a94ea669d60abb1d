import { describe, expect, it } from 'vitest';
import {
  isRegularSession,
  lastTradingHour,
  previousSession,
  sessionAtOrBefore,
  sessionBarStarts,
} from '../src/market-session.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the US equity session', () => {
  it('is shut all day on a holiday', () => {
    // Thanksgiving 2024: 14:30–21:00 UTC would be the session of an ordinary Thursday.
    expect(sessionBarStarts(at('2024-11-28T00:00Z'), at('2024-11-29T00:00Z'))).toEqual([]);
    expect(isRegularSession(at('2025-04-18T15:00Z'))).toBe(false); // Good Friday
    expect(isRegularSession(at('2025-01-09T15:00Z'))).toBe(false); // national day of mourning
  });

  it('ends at 13:00 New York on an early close', () => {
    const bars = sessionBarStarts(at('2024-11-29T00:00Z'), at('2024-11-30T00:00Z')).map(iso);
    expect(bars[0]).toBe('2024-11-29T14:30:00.000Z');
    expect(bars.at(-1)).toBe('2024-11-29T17:30:00.000Z'); // the 12:30 bar is the last
    expect(bars).toHaveLength(7);
    expect(isRegularSession(at('2024-07-03T16:59Z'))).toBe(true); // 12:59 EDT
    expect(isRegularSession(at('2024-07-03T17:00Z'))).toBe(false); // 13:00 EDT
  });

  it('finds the last trading hour over holidays and early closes', () => {
    expect(iso(lastTradingHour(new Date('2024-11-28T20:00Z')).getTime())).toBe('2024-11-27T20:00:00.000Z');
    expect(iso(lastTradingHour(new Date('2024-11-30T12:00Z')).getTime())).toBe('2024-11-29T17:00:00.000Z');
    expect(iso(lastTradingHour(new Date('2025-04-20T12:00Z')).getTime())).toBe('2025-04-17T19:00:00.000Z');
  });

  it('names the session an instant belongs to, and the one before it, across weekends and holidays', () => {
    const friday = sessionAtOrBefore(at('2024-12-09T13:00Z')); // Monday 08:00 New York: not open yet
    expect(friday).toEqual({
      day: '2024-12-06',
      open: at('2024-12-06T14:30Z'),
      close: at('2024-12-06T21:00Z'),
    });
    expect(sessionAtOrBefore(at('2024-12-09T14:30Z')).day).toBe('2024-12-09');
    expect(previousSession('2024-11-29')).toMatchObject({
      day: '2024-11-27',
      close: at('2024-11-27T21:00Z'),
    });
    expect(previousSession('2024-12-02')).toMatchObject({
      day: '2024-11-29',
      close: at('2024-11-29T18:00Z'),
    });
    expect(previousSession('2024-07-08').close).toBe(at('2024-07-05T20:00Z')); // summer time: 16:00 EDT
  });
});
