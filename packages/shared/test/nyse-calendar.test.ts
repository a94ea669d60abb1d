import { describe, expect, it } from 'vitest';
import { nyseTradingHours } from '../src/nyse-calendar.ts';

const closes = (day: string) => {
  const hours = nyseTradingHours(day);
  return hours && `${Math.floor(hours.closes / 60)}:${String(hours.closes % 60).padStart(2, '0')}`;
};

// Dates checked against the NYSE's published holiday and early-close calendars.
describe('the NYSE calendar', () => {
  it('trades 09:30 to 16:00 on an ordinary weekday, and not at weekends', () => {
    expect(nyseTradingHours('2024-12-06')).toEqual({ opens: 9 * 60 + 30, closes: 16 * 60 });
    expect(nyseTradingHours('2024-12-07')).toBeNull();
    expect(nyseTradingHours('2024-12-08')).toBeNull();
  });

  it('closes for its holidays, Good Friday and Juneteenth (since 2022) included', () => {
    for (const day of [
      '2024-01-01',
      '2024-01-15', // Martin Luther King Jr. Day
      '2024-02-19', // Washington's Birthday
      '2025-04-18', // Good Friday
      '2024-05-27', // Memorial Day
      '2023-06-19', // Juneteenth
      '2024-07-04',
      '2024-09-02', // Labor Day
      '2024-11-28', // Thanksgiving
      '2024-12-25',
    ]) {
      expect([day, nyseTradingHours(day)]).toEqual([day, null]);
    }
    expect(closes('2021-06-18')).toBe('16:00'); // Juneteenth (a Saturday) before the exchange observed it
  });

  it('observes a Saturday holiday on the Friday and a Sunday one on the Monday, but not New Year on a Saturday', () => {
    expect(nyseTradingHours('2021-12-24')).toBeNull(); // Christmas on a Saturday
    expect(nyseTradingHours('2022-12-26')).toBeNull(); // Christmas on a Sunday
    expect(nyseTradingHours('2026-07-03')).toBeNull(); // Independence Day on a Saturday
    expect(nyseTradingHours('2022-06-20')).toBeNull(); // Juneteenth on a Sunday
    expect(nyseTradingHours('2023-01-02')).toBeNull(); // New Year's Day on a Sunday
    expect(closes('2021-12-31')).toBe('16:00'); // New Year's Day 2022 was a Saturday: no Friday off
  });

  it('closes at 13:00 the day after Thanksgiving, on July 3 and on Christmas Eve', () => {
    expect(closes('2024-11-29')).toBe('13:00');
    expect(closes('2026-11-27')).toBe('13:00');
    expect(closes('2024-07-03')).toBe('13:00');
    expect(closes('2024-12-24')).toBe('13:00');
    expect(closes('2025-12-24')).toBe('13:00');
    expect(closes('2022-07-01')).toBe('16:00'); // the Friday before a Monday July 4 is a full day
  });

  it('knows the one-off closures', () => {
    for (const day of ['2001-09-11', '2001-09-14', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect([day, nyseTradingHours(day)]).toEqual([day, null]);
    }
  });

  it('counts the trading days of whole years as the exchange did', () => {
    const tradingDays = (year: number) => {
      let count = 0;
      for (let at = Date.UTC(year, 0, 1); at < Date.UTC(year + 1, 0, 1); at += 86_400_000) {
        if (nyseTradingHours(new Date(at).toISOString().slice(0, 10))) count++;
      }
      return count;
    };
    expect([2020, 2021, 2022, 2023, 2024, 2025].map(tradingDays)).toEqual([253, 252, 251, 250, 252, 250]);
  });
});
