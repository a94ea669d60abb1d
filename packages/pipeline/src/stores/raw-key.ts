import { hourKey } from '../hours.ts';

/** `x/recent-search/ticker=AMZN/hour=2026-11-28T16/response.json`: same source, ticker and hour, same key. */
export function rawKey(prefix: string, ticker: string, hourStart: Date): string {
  return `${tickerFolder(prefix, ticker)}hour=${hourKey(hourStart)}/response.json`;
}

/** `x/recent-search/ticker=AMZN/`: where every staged hour of a ticker sits, sorted by hour. */
export function tickerFolder(prefix: string, ticker: string): string {
  return `${prefix}/ticker=${ticker}/`;
}

/** The hour (`2026-11-28T16`) of a key under a ticker's folder, or null for any other key. */
export function hourOfKey(key: string): string | null {
  return /\/hour=(\d{4}-\d\d-\d\dT\d\d)\/response\.json$/.exec(key)?.[1] ?? null;
}
