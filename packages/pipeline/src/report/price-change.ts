import type { StoredRow } from '../stores/pg-warehouse.ts';

/** Change of the close against the last known close before the hour, in %; null when either is missing. */
export function priceChangePct(row: Pick<StoredRow, 'close' | 'previousClose'>): number | null {
  if (row.close === null || row.previousClose === null || row.previousClose === 0) return null;
  return ((row.close - row.previousClose) / row.previousClose) * 100;
}
