import type pg from 'pg';
import { tradedHoursBetween } from '../time/previous-traded-hour.ts';

/**
 * Writes the NYSE's traded hours of [from, to) into `nyse_traded_hours` (migration 0010), where the figures view
 * finds each hour's previous traded hour. The calendar lives in TypeScript (packages/shared/src/nyse-calendar.ts);
 * the table is its copy for SQL, written for the hours the warehouse holds.
 */
export async function coverTradedHours(client: pg.ClientBase | pg.Pool, from: Date, to: Date): Promise<void> {
  const hours = tradedHoursBetween(from, to);
  if (hours.length === 0) return;
  await client.query(
    `INSERT INTO nyse_traded_hours (hour_start, previous_hour_start)
     SELECT * FROM unnest($1::timestamptz[], $2::timestamptz[]) ON CONFLICT (hour_start) DO NOTHING`,
    [hours.map((h) => h.hourStart), hours.map((h) => h.previousHourStart)],
  );
}
