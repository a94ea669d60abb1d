import { hourKey } from '../hours.ts';

/** `x/recent-search/ticker=AMZN/hour=2026-11-28T16/response.json`: same source, ticker and hour, same key. */
export function rawKey(prefix: string, ticker: string, hourStart: Date): string {
  return `${prefix}/ticker=${ticker}/hour=${hourKey(hourStart)}/response.json`;
}
