import type { LoadBatch, Warehouse } from '../../src/ports.ts';
import type { LedgerEntry, LedgerRecord, WarehouseRow } from '../../src/records.ts';

/** A warehouse in memory that records what runs write and lock, or refuses everything with `failure`, or the rows
 * `refuses` names a reason for; the real PostgreSQL path is tested in stores/pg-warehouse.test.ts and the
 * end-to-end tests. */
export class RecordingWarehouse implements Warehouse {
  rows: WarehouseRow[] = [];
  /** What the runs wrote to the ledger. */
  entries: LedgerEntry[] = [];
  /** What the ledger holds before the run. */
  records: LedgerRecord[] = [];
  locks: string[] = [];
  readonly failure: Error | undefined;
  refuses: (row: WarehouseRow) => string | undefined = () => undefined;
  constructor(failure?: Error) {
    this.failure = failure;
  }
  async load(batch: LoadBatch) {
    if (this.failure) throw this.failure;
    const refused = batch.rows.flatMap((row) => {
      const reason = this.refuses(row);
      return reason === undefined ? [] : [{ ticker: row.ticker, hourStart: row.hourStart, reason }];
    });
    const refusal = (r: { ticker: string; hourStart: Date }) =>
      refused.find((x) => x.ticker === r.ticker && x.hourStart.getTime() === r.hourStart.getTime());
    const rows = batch.rows.filter((r) => !refusal(r));
    this.rows.push(...rows);
    for (const entry of batch.ledger) {
      const reason = refusal(entry)?.reason;
      this.entries.push(
        reason === undefined ? entry : { ...entry, failure: { stage: 'load', reason, counts: true } },
      );
    }
    return { rowsChanged: rows.length, refused };
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
