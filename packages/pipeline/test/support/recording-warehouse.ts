import type { LoadBatch, Warehouse } from '../../src/ports.ts';
import type { LedgerEntry, LedgerRecord, WarehouseRow } from '../../src/records.ts';

/** A warehouse in memory that records what runs write and lock, or refuses everything with `failure`; the real
 * PostgreSQL path is tested in stores/pg-warehouse.test.ts and the end-to-end tests. */
export class RecordingWarehouse implements Warehouse {
  rows: WarehouseRow[] = [];
  /** What the runs wrote to the ledger. */
  entries: LedgerEntry[] = [];
  /** What the ledger holds before the run. */
  records: LedgerRecord[] = [];
  locks: string[] = [];
  readonly failure: Error | undefined;
  constructor(failure?: Error) {
    this.failure = failure;
  }
  async load(batch: LoadBatch) {
    if (this.failure) throw this.failure;
    this.rows.push(...batch.rows);
    this.entries.push(...batch.ledger);
    return { rowsChanged: batch.rows.length };
  }
  async ledger(tickers: readonly string[], from: Date, to: Date) {
    if (this.failure) throw this.failure;
    return this.records.filter((r) => tickers.includes(r.ticker) && r.hourStart >= from && r.hourStart < to);
  }
  async firstRecorded(tickers: readonly string[]) {
    const first = new Map<string, Date>();
    for (const r of [...this.records].sort((x, y) => y.hourStart.getTime() - x.hourStart.getTime()))
      if (tickers.includes(r.ticker)) first.set(r.ticker, r.hourStart);
    return first;
  }
  async lockHours(hours: readonly Date[]) {
    if (this.failure) throw this.failure;
    const names = hours.map((h) => h.toISOString()).join(' ');
    this.locks.push(`lock ${names}`);
    return {
      hours: [...hours],
      release: async () => {
        this.locks.push(`release ${names}`);
      },
    };
  }
}
